import { ACTION_IDS, ACTION_LABELS, actionsFor, tabOf } from '../src/lib/order-actions';
import { formatFen } from '../src/lib/money';

test('orders fall into the merchant tabs by status; unpaid ones are hidden', () => {
  expect(tabOf('paid')).toBe('new');
  expect(tabOf('accepted')).toBe('active');
  expect(tabOf('ready_for_pickup')).toBe('active');
  expect(tabOf('picked_up')).toBe('done');
  expect(tabOf('rejected')).toBe('done');
  expect(tabOf('pending_payment')).toBeNull();
});

test('buttons follow the order state', () => {
  expect(actionsFor({ status: 'paid', mode: 'delivery' })).toEqual(['accept', 'reject']);
  expect(actionsFor({ status: 'accepted', mode: 'pickup' })).toEqual(['markReady']);
  expect(actionsFor({ status: 'accepted', mode: 'booking' })).toEqual([]);
  expect(actionsFor({ status: 'ready', mode: 'delivery' })).toEqual(['handOver']);
  expect(actionsFor({ status: 'ready_for_pickup', mode: 'pickup' })).toEqual(['handOver']);
  expect(actionsFor({ status: 'completed', mode: 'pickup' })).toEqual([]);
});

test('every action has a Chinese label and a distinct element id prefix', () => {
  expect(ACTION_LABELS).toEqual({ accept: '接单', reject: '拒单', markReady: '出餐完成', handOver: '交付' });
  expect(new Set(Object.values(ACTION_IDS)).size).toBe(4);
});

test('merchant prices print from fen', () => {
  expect(formatFen(2350)).toBe('¥23.50');
});
