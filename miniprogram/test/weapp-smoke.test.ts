/**
 * @jest-environment jsdom
 *
 * Renders the real `dist/weapp` build (built first when missing) with WeChat's template compiler through
 * miniprogram-simulate, page by page, against a fake wx.cloud that answers in the api-contract shapes.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { ORDER_STATUS_LABELS } from '@daojia/domain';
import { bootApp, byText, fakeWxCloud, openPage, settle, tap, untilText, webSdkFilesIn } from './lib/weapp-sim';
import { handlers } from './fixtures';

const APP_DIR = path.resolve(__dirname, '..');
const DIST = path.join(APP_DIR, 'dist/weapp');

const storage = new Map<string, unknown>();
const { cloud, calls } = fakeWxCloud(handlers);

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.js'))) execSync('npm run build:weapp', { cwd: APP_DIR, stdio: 'ignore' });
  bootApp(DIST, {
    cloud,
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => {
      storage.set(key, value);
    },
    getLocation: (opts: { success?: (r: unknown) => void }) => {
      const r = { latitude: 31.2304, longitude: 121.4737, errMsg: 'getLocation:ok' };
      opts?.success?.(r);
      return Promise.resolve(r);
    },
  });
}, 120_000);

const text = (page: { dom: Element }) => page.dom.textContent ?? '';

test('附近: category tabs, filters and the store list nearest first with distances', async () => {
  const page = openPage(DIST, 'pages/index/index');
  await untilText(page.dom, '阿芳美甲');
  for (const label of ['全部', '餐饮', '丽人', '零售', '本地生活', '3km内', '4.5分以上', '营业中']) byText(page.dom, label);
  const t = text(page);
  expect(t.indexOf('老王牛肉面')).toBeLessThan(t.indexOf('阿芳美甲'));
  byText(page.dom, '350m');
  byText(page.dom, '2.5km');
  expect(calls.find((c) => c.action === 'nearby')?.data).toMatchObject({ lng: 121.4737, lat: 31.2304 });

  tap(byText(page.dom, '丽人'));
  await settle(100);
  expect(calls.filter((c) => c.action === 'nearby').at(-1)?.data).toMatchObject({ category: 'beauty' });
});

test('店铺: menu grouped by category, off-shelf hidden, stepper fills the cart bar; a product sold by SKU opens a picker', async () => {
  const page = openPage(DIST, 'pages/store/index', { id: 's1' });
  await untilText(page.dom, '老王牛肉面');
  for (const label of ['老王牛肉面', '面食', '小吃', '红烧牛肉面', '卤蛋', '¥18.00']) byText(page.dom, label);
  expect(text(page)).not.toContain('下架菜');
  // The store's coupon to claim (领取 calls marketing.claim) and its reviews with the store's reply.
  await untilText(page.dom, '牛肉很大块');
  for (const label of ['满¥30.00可用', '进店领券', '匿名用户', '★★★★☆', '商家回复：谢谢支持']) byText(page.dom, label);
  expect(text(page)).toContain('评价 4.5分 · 2条');
  tap(byText(page.dom, '领取'));
  await settle(100);
  expect(calls.find((c) => c.action === 'claim')?.data).toEqual({ couponId: 'cp1' });

  tap(byText(page.dom, '+'));
  await settle(50);
  tap(byText(page.dom, '+'));
  await settle(50);
  expect(text(page)).toContain('已选 2 件');
  byText(page.dom, '¥36.00');

  // A product sold by SKU shows its lowest price with 起 and opens a picker (a sold-out SKU marked); the cart titles
  // the line with its SKU and spec.
  byText(page.dom, '¥5.00 起');
  tap(byText(page.dom, '选规格'));
  await untilText(page.dom, '加入购物车');
  byText(page.dom, '大杯（已售罄）');
  tap(byText(page.dom, '少冰'));
  await settle(50);
  tap(byText(page.dom, '加入购物车'));
  await untilText(page.dom, '已选 3 件');
  tap(byText(page.dom, '已选 3 件 · 合计 ¥41.00'));
  await untilText(page.dom, '酸梅汤（小杯/少冰）');
  byText(page.dom, '清空购物车');
});

test('结算: quotes the saved cart and shows the server breakdown line by line', async () => {
  const page = openPage(DIST, 'pages/checkout/index', { storeId: 's1' });
  await untilText(page.dom, '提交订单');
  expect(calls.filter((c) => c.action === 'quote').at(-1)?.data).toEqual({
    storeId: 's1',
    mode: 'delivery',
    items: [
      { productId: 'p1', quantity: 2 },
      { productId: 'p4', skuId: 's', quantity: 1, specs: { 冰量: '少冰' } },
    ],
  });
  for (const label of ['外卖', '自提', '红烧牛肉面 × 2', '打包费', '配送费', '满30减5', '-¥5.00', '¥35.00', '提交订单']) byText(page.dom, label);
});

test('支付: shows the amount due and the pay button', async () => {
  const page = openPage(DIST, 'pages/pay/index', { orderId: 'o1' });
  await untilText(page.dom, '¥35.00');
  byText(page.dom, '¥35.00');
  byText(page.dom, '微信支付');
});

test('订单详情: status label, pickup code and the timeline in Shanghai time', async () => {
  const page = openPage(DIST, 'pages/order/index', { id: 'o1' });
  await untilText(page.dom, '8321');
  byText(page.dom, (ORDER_STATUS_LABELS as Record<string, string>).ready_for_pickup);
  byText(page.dom, '8321');
  byText(page.dom, '11-25 00:31');
  byText(page.dom, '申请退款'); // a pickup order still being prepared can be refunded, on request
  tap(byText(page.dom, '申请退款'));
  await settle(50);
  byText(page.dom, '提交退款申请');
});

test('我的订单 and 登录 render', async () => {
  const orders = openPage(DIST, 'pages/orders/index');
  await untilText(orders.dom, '老王牛肉面');
  byText(orders.dom, '老王牛肉面');
  byText(orders.dom, '2026-11-25 00:30');
  const login = openPage(DIST, 'pages/login/index');
  await settle(50);
  byText(login.dom, '选择演示用户登录');
});

test('the weapp bundle talks to wx.cloud only: @cloudbase/js-sdk (the web client) is not in it', () => {
  expect(webSdkFilesIn(DIST)).toEqual([]);
});
