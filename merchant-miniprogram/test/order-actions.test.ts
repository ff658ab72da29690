import { BUTTON_IDS, NEEDS_REASON, merchantButtons } from '../src/lib/order-actions';

const OWNER = ['accept', 'reject', 'markReady', 'handOver', 'markDelivered', 'approveRefund', 'declineRefund'];
const buttons = (status: string, mode: string, allowed: string[] = OWNER) => merchantButtons({ status, mode } as Parameters<typeof merchantButtons>[0], allowed).map((b) => `${b.id}:${b.label}`);

test('a paid order can be accepted or rejected; a booking is confirmed through the same accept function', () => {
  expect(buttons('paid', 'delivery')).toEqual(['accept:接单', 'reject:拒单']);
  expect(buttons('paid', 'booking')).toEqual(['accept:确认预约', 'reject:拒单']);
});

test('after accepting, the next button follows the fulfilment mode', () => {
  expect(buttons('accepted', 'delivery')).toEqual(['ready:出餐完成']);
  expect(buttons('accepted', 'pickup')).toEqual(['ready:备货完成']);
  expect(buttons('ready', 'delivery')).toEqual(['handover:交付配送']);
  expect(buttons('delivering', 'delivery')).toEqual(['delivered:已送达']);
});

test('a refund request is approved or declined (declining asks for a reason)', () => {
  expect(buttons('refund_requested', 'pickup')).toEqual(['refund-approve:同意退款', 'refund-decline:拒绝退款']);
  expect(buttons('refunding', 'pickup')).toEqual([]);
  expect([...NEEDS_REASON].sort()).toEqual(['declineRefund', 'reject']);
});

test('a clerk, whose role may not decide refunds, gets no refund buttons but keeps the order buttons', () => {
  const clerk = OWNER.filter((c) => c !== 'approveRefund' && c !== 'declineRefund');
  expect(buttons('refund_requested', 'pickup', clerk)).toEqual([]);
  expect(buttons('paid', 'delivery', clerk)).toEqual(['accept:接单', 'reject:拒单']);
});

test('code check-ins and finished orders get no buttons here', () => {
  expect(buttons('ready_for_pickup', 'pickup')).toEqual([]);
  expect(buttons('confirmed', 'booking')).toEqual([]);
  expect(buttons('completed', 'delivery')).toEqual([]);
  expect(buttons('pending_payment', 'pickup')).toEqual([]);
});

test('button id prefixes are distinct', () => {
  expect(new Set(Object.values(BUTTON_IDS)).size).toBe(Object.keys(BUTTON_IDS).length);
});
