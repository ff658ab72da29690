import fc from 'fast-check';
import { ORDER_EVENTS, ORDER_STATUSES, TERMINAL_STATUSES, TRANSITIONS, nextEvents, transition, type Actor, type OrderStatus, MODES, type OrderMode } from '../src';

const ACTORS: Actor[] = ['consumer', 'merchant', 'system', 'admin'];

function tryMove(order: { status: OrderStatus; mode: OrderMode; statusBeforeRefund?: OrderStatus }, event: (typeof ORDER_EVENTS)[number], actor: Actor) {
  try {
    return transition(order, event, actor).to;
  } catch {
    return undefined;
  }
}

test('the happy path of each fulfilment mode', () => {
  const walk = (mode: OrderMode, steps: [(typeof ORDER_EVENTS)[number], Actor][]) => {
    let status: OrderStatus = 'pending_payment';
    const seen: OrderStatus[] = [status];
    for (const [event, actor] of steps) {
      status = transition({ status, mode }, event, actor).to;
      seen.push(status);
    }
    return seen;
  };
  expect(
    walk('delivery', [
      ['pay', 'system'],
      ['accept', 'merchant'],
      ['markReady', 'merchant'],
      ['handOver', 'merchant'],
      ['deliver', 'system'],
      ['complete', 'consumer'],
    ]),
  ).toEqual(['pending_payment', 'paid', 'accepted', 'ready', 'delivering', 'delivered', 'completed']);
  expect(
    walk('pickup', [
      ['pay', 'system'],
      ['accept', 'merchant'],
      ['markReady', 'merchant'],
      ['pickUp', 'merchant'],
      ['complete', 'system'],
    ]),
  ).toEqual(['pending_payment', 'paid', 'accepted', 'ready_for_pickup', 'picked_up', 'completed']);
  expect(
    walk('booking', [
      ['pay', 'system'],
      ['confirm', 'merchant'],
      ['checkIn', 'merchant'],
      ['complete', 'system'],
    ]),
  ).toEqual(['pending_payment', 'paid', 'confirmed', 'checked_in', 'completed']);
});

test('illegal moves are refused with ILLEGAL_TRANSITION and a Chinese message', () => {
  expect(() => transition({ status: 'pending_payment', mode: 'delivery' }, 'accept', 'merchant')).toThrow(
    expect.objectContaining({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('待支付') }),
  );
  expect(() => transition({ status: 'paid', mode: 'delivery' }, 'accept', 'consumer')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  expect(() => transition({ status: 'paid', mode: 'booking' }, 'accept', 'merchant')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
});

test('a declined refund returns to the state before the request; rejection leads to a refund', () => {
  expect(transition({ status: 'refund_requested', mode: 'pickup', statusBeforeRefund: 'ready_for_pickup' }, 'declineRefund', 'merchant').to).toBe('ready_for_pickup');
  expect(transition({ status: 'rejected', mode: 'delivery' }, 'startRefund', 'system').to).toBe('refunding');
  expect(nextEvents({ status: 'paid', mode: 'delivery' }, 'merchant').map((e) => e.event)).toEqual(['accept', 'reject']);
});

test('no path leaves a terminal state, and every state is reachable from reserving (where every order starts)', () => {
  const reachable = new Set<OrderStatus>(['reserving']);
  let frontier: OrderStatus[] = ['reserving'];
  while (frontier.length) {
    const next: OrderStatus[] = [];
    for (const status of frontier)
      for (const mode of MODES)
        for (const event of ORDER_EVENTS)
          for (const actor of ACTORS) {
            for (const before of ORDER_STATUSES) {
              const to = tryMove({ status, mode, statusBeforeRefund: before }, event, actor);
              if (to && TERMINAL_STATUSES.includes(status)) throw new Error(`terminal ${status} left by ${event}`);
              if (to && !reachable.has(to) && event !== 'declineRefund') {
                reachable.add(to);
                next.push(to);
              }
            }
          }
    frontier = next;
  }
  expect([...reachable].sort()).toEqual([...ORDER_STATUSES].sort());
});

test('property: any random sequence of events by any actors never escapes a terminal state', () => {
  fc.assert(
    fc.property(fc.constantFrom(...MODES), fc.array(fc.tuple(fc.constantFrom(...ORDER_EVENTS), fc.constantFrom(...ACTORS)), { maxLength: 30 }), (mode, steps) => {
      let order: { status: OrderStatus; mode: OrderMode; statusBeforeRefund?: OrderStatus } = { status: 'pending_payment', mode };
      for (const [event, actor] of steps) {
        const to = tryMove(order, event, actor);
        if (to === undefined) continue;
        expect(TERMINAL_STATUSES).not.toContain(order.status);
        order = { ...order, statusBeforeRefund: to === 'refund_requested' ? order.status : order.statusBeforeRefund, status: to };
      }
    }),
    { numRuns: 1000 },
  );
  expect(TRANSITIONS.every((t) => !t.from.some((s) => TERMINAL_STATUSES.includes(s)))).toBe(true);
});
