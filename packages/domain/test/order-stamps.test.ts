import { ORDER_STATUSES, STATUS_STAMPS, stampsFor } from '../src';

/** The per-status fields moveOrder writes come from one table in the domain. */
const AT = '2026-01-01T00:00:00.000Z';

test('reaching paid, accepted/confirmed and completed stamps its time; asking a refund remembers where the order was', () => {
  expect(stampsFor('pending_payment', 'paid', AT)).toEqual({ paidAt: AT });
  expect(stampsFor('paid', 'accepted', AT)).toEqual({ acceptedAt: AT });
  expect(stampsFor('paid', 'confirmed', AT)).toEqual({ acceptedAt: AT });
  expect(stampsFor('delivered', 'completed', AT)).toEqual({ completedAt: AT });
  expect(stampsFor('accepted', 'refund_requested', AT)).toEqual({ statusBeforeRefund: 'accepted' });
});

test('stamps follow the status reached, whatever the move: a declined refund back to paid stamps paidAt again', () => {
  expect(stampsFor('refund_requested', 'paid', AT)).toEqual({ paidAt: AT });
  expect(stampsFor('refund_requested', 'accepted', AT)).toEqual({ acceptedAt: AT });
});

test('every other status stamps nothing', () => {
  for (const s of ORDER_STATUSES.filter((x) => !STATUS_STAMPS[x])) expect(stampsFor('paid', s, AT)).toEqual({});
});
