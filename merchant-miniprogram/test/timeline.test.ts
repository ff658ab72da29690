import type { OrderEventRecord } from '@daojia/domain';
import { timelineSteps } from '../src/lib/timeline';

const event = (over: Partial<OrderEventRecord>): OrderEventRecord => ({
  _id: 'e',
  orderId: 'o1',
  _openid: 'u1',
  storeId: 's1',
  from: null,
  to: 'pending_payment',
  event: 'create',
  by: { role: 'consumer', id: 'u1' },
  reason: '',
  at: '2026-11-24T16:30:00.000Z',
  ...over,
});

test('each event says the status reached, then when (Shanghai time), who, from where and why', () => {
  expect(
    timelineSteps([
      event({ reason: '下单' }),
      event({ from: 'pending_payment', to: 'paid', by: { role: 'system', id: 'wechatpay' }, at: '2026-11-24T16:31:00.000Z' }),
      event({ from: 'paid', to: 'rejected', by: { role: 'merchant', id: 'm1' }, reason: '食材售罄', at: '2026-11-24T16:40:05.000Z' }),
    ]),
  ).toEqual([
    { title: '待支付', description: '11-25 00:30 · 顾客 · 下单' },
    { title: '待商家接单', description: '11-25 00:31 · 系统 · 由「待支付」' },
    { title: '商家已拒单', description: '11-25 00:40 · 商家 · 由「待商家接单」 · 食材售罄' },
  ]);
});
