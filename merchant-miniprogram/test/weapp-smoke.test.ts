/**
 * @jest-environment jsdom
 *
 * Renders the real `dist/weapp` build (built first when missing) with WeChat's template compiler through
 * miniprogram-simulate, against a fake wx.cloud that answers in the api-contract shapes.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { ORDER_STATUS_LABELS } from '@daojia/domain';
import { bootApp, byText, fakeWxCloud, openPage, settle, tap, untilText, webSdkFilesIn } from '../../miniprogram/test/lib/weapp-sim';

const APP_DIR = path.resolve(__dirname, '..');
const DIST = path.join(APP_DIR, 'dist/weapp');

const line = { productId: 'p1', name: '红烧牛肉面', unitPriceFen: 1800, quantity: 2, subtotalFen: 3600 };
const base = {
  _openid: 'u1',
  storeId: 's1',
  storeName: '老王牛肉面',
  items: [line],
  totalFen: 3500,
  remark: '',
  createdAt: '2026-11-24T16:30:00.000Z',
  paidAt: '2026-11-24T16:31:00.000Z',
  updatedAt: '2026-11-24T16:31:00.000Z',
};
const orders = [
  { ...base, _id: 'o-new', mode: 'delivery', status: 'paid', remark: '不要香菜' },
  { ...base, _id: 'o-cooking', mode: 'delivery', status: 'accepted' },
  { ...base, _id: 'o-on-the-way', mode: 'delivery', status: 'delivering' },
  { ...base, _id: 'o-done', mode: 'pickup', status: 'picked_up' },
];
const TAB_OF: Record<string, string> = { paid: 'new', accepted: 'active', delivering: 'active', picked_up: 'done' };

const { cloud, calls } = fakeWxCloud({
  'merchantOrder.list': ({ tab }) => ({
    orders: orders.filter((o) => TAB_OF[o.status] === tab),
    storeId: 's1',
    allowed: ['accept', 'reject', 'markReady', 'handOver', 'markDelivered', 'approveRefund', 'declineRefund', 'verifyCode', 'detail', 'list'],
  }),
  'merchantOrder.accept': ({ orderId }) => ({ order: { ...orders[0], _id: orderId, status: 'accepted' } }),
  'merchantOrder.markReady': ({ orderId }) => ({ order: { ...orders[1], _id: orderId, status: 'ready_for_pickup' } }),
  'merchantOrder.markDelivered': ({ orderId }) => ({ order: { ...orders[2], _id: orderId, status: 'delivered' } }),
  'merchantOrder.detail': ({ orderId }) => ({
    order: orders.find((o) => o._id === orderId),
    events: [
      { _id: 'e1', orderId, _openid: 'u1', storeId: 's1', from: null, to: 'pending_payment', event: 'create', by: { role: 'consumer', id: 'u1' }, reason: '下单', at: '2026-11-24T16:30:00.000Z' },
      { _id: 'e2', orderId, _openid: 'u1', storeId: 's1', from: 'pending_payment', to: 'paid', event: 'pay', by: { role: 'system', id: 'wechatpay' }, reason: '', at: '2026-11-24T16:31:00.000Z' },
    ],
  }),
});

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.js'))) execSync('npm run build:weapp', { cwd: APP_DIR, stdio: 'ignore' });
  bootApp(DIST, { cloud });
}, 120_000);

const label = (status: string) => (ORDER_STATUS_LABELS as Record<string, string>)[status];

let page: ReturnType<typeof openPage>;

test('订单: tabs, the new order with its remark and 接单/拒单, accept calls the function', async () => {
  page = openPage(DIST, 'pages/orders/index');
  await untilText(page.dom, '备注：不要香菜');
  for (const t of ['新订单', '进行中', '已完成', '备注：不要香菜', '¥35.00', '2026-11-25 00:31', label('paid')]) byText(page.dom, t);
  expect(page.dom.textContent).not.toContain(label('accepted'));

  tap(byText(page.dom, '接单'));
  await settle(100);
  expect(calls.find((c) => c.action === 'accept')?.data).toEqual({ orderId: 'o-new' });

  tap(byText(page.dom, '拒单'));
  await settle(50);
  byText(page.dom, '确认拒单');
});

test('订单: 进度 opens the order timeline from merchantOrder.detail (who, when, from, why)', async () => {
  tap(byText(page.dom, '进度'));
  await untilText(page.dom, '11-25 00:31 · 系统 · 由「待支付」');
  expect(calls.find((c) => c.action === 'detail')?.data).toEqual({ orderId: 'o-new' });
  byText(page.dom, '11-25 00:30 · 顾客 · 下单');
  tap(byText(page.dom, '收起'));
  await settle(50);
  expect(page.dom.textContent).not.toContain('由「待支付」');
});

test('订单: 进行中 asks the server for that tab; 出餐完成 and 已送达 call their functions', async () => {
  tap(byText(page.dom, '进行中'));
  await settle(100);
  byText(page.dom, label('accepted'));
  tap(byText(page.dom, '出餐完成'));
  await settle(100);
  expect(calls.find((c) => c.action === 'markReady')?.data).toEqual({ orderId: 'o-cooking' });
  tap(byText(page.dom, '已送达'));
  await settle(100);
  expect(calls.find((c) => c.action === 'markDelivered')?.data).toEqual({ orderId: 'o-on-the-way' });
  expect(calls.filter((c) => c.action === 'list').at(-1)?.data).toEqual({ tab: 'active' });
});

test('核销 and 登录 render', async () => {
  const verify = openPage(DIST, 'pages/verify/index');
  await settle(50);
  byText(verify.dom, '输入取件码 / 预约码');
  const login = openPage(DIST, 'pages/login/index');
  await settle(50);
  byText(login.dom, '选择演示商家账号登录');
});

test('the weapp bundle talks to wx.cloud only: @cloudbase/js-sdk (the web client) is not in it', () => {
  expect(webSdkFilesIn(DIST)).toEqual([]);
});
