import { isOver, maskPhone, slotText } from '../src/lib/order-card';

test('a phone number keeps its first three and last four digits once the order is over', () => {
  expect(maskPhone('13812345678')).toBe('138****5678');
  expect(maskPhone(' 021-6234567 ')).toBe('021****4567');
  expect(maskPhone('12345')).toBe('*****');
});

test('orders that are over: delivered, collected, checked in, rejected and every terminal status; not those still served', () => {
  for (const s of ['delivered', 'picked_up', 'checked_in', 'completed', 'cancelled', 'rejected', 'refunded', 'refund_closed'] as const) expect({ s, over: isOver(s) }).toEqual({ s, over: true });
  for (const s of ['paid', 'accepted', 'ready', 'delivering', 'ready_for_pickup', 'confirmed', 'refund_requested'] as const) expect({ s, over: isOver(s) }).toEqual({ s, over: false });
});

test('a booking slot reads in Shanghai time, with the end date only when the slot crosses midnight', () => {
  expect(slotText({ start: '2026-11-25T06:00:00.000Z', end: '2026-11-25T07:00:00.000Z' })).toBe('11-25 14:00–15:00');
  expect(slotText({ start: '2026-11-25T15:30:00.000Z', end: '2026-11-25T16:30:00.000Z' })).toBe('11-25 23:30–11-26 00:30');
});
