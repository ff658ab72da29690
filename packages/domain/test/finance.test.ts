import { commissionRuleOf, dateRange, figuresOf, financePeriods, percentOfFen, rateFor, type Movement } from '../src';

describe('Shanghai periods', () => {
  test('today, this week (from Monday) and this month, as UTC instants; 23:30 UTC on a Sunday is Monday in Shanghai', () => {
    // 2026-11-29 (Sunday) 16:30 UTC = 2026-11-30 (Monday) 00:30 in Shanghai.
    expect(financePeriods(new Date('2026-11-29T16:30:00Z'))).toEqual({
      today: { from: '2026-11-29T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', fromDate: '2026-11-30', toDate: '2026-11-30' },
      week: { from: '2026-11-29T16:00:00.000Z', to: '2026-12-06T16:00:00.000Z', fromDate: '2026-11-30', toDate: '2026-12-06' },
      month: { from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', fromDate: '2026-11-01', toDate: '2026-11-30' },
    });
  });

  test('a week may start in the month before; a Sunday belongs to the week that began six days earlier', () => {
    // 2026-12-06 is a Sunday: its week began Monday 2026-11-30; its month on 2026-12-01.
    const p = financePeriods(new Date('2026-12-06T10:00:00Z'));
    expect(p.week.fromDate).toBe('2026-11-30');
    expect(p.month.fromDate).toBe('2026-12-01');
    expect(p.month.toDate).toBe('2026-12-31');
  });

  test('a date range covers whole Shanghai days; backwards or over a year is refused', () => {
    expect(dateRange('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-01T16:00:00.000Z', fromDate: '2026-03-01', toDate: '2026-03-01' });
    expect(() => dateRange('2026-03-02', '2026-03-01')).toThrow(expect.objectContaining({ code: 'INVALID_RANGE' }));
    expect(() => dateRange('2025-01-01', '2026-03-01')).toThrow(expect.objectContaining({ code: 'INVALID_RANGE' }));
    expect(() => dateRange('2026-02-30', '2026-03-05')).toThrow(expect.objectContaining({ code: 'INVALID_RANGE', message: '日期无效' }));
    expect(() => dateRange('2026-03-01', '2026-13-01')).toThrow(expect.objectContaining({ code: 'INVALID_RANGE', message: '日期无效' }));
  });
});

describe('figures', () => {
  const m = (orderId: string, kind: Movement['kind'], amountFen: number): Movement => ({ orderId, kind, amountFen, at: '2026-03-01T00:00:00Z' });

  test('revenue, refunds (partial by their amount), commission charged on payments and given back on refunds, net', () => {
    const f = figuresOf([m('a', 'payment_in', 3333), m('b', 'payment_in', 5000), m('b', 'refund_out', 1250)], () => 800);
    const commission = percentOfFen(3333, 800) + percentOfFen(5000, 800) - percentOfFen(1250, 800);
    expect(f).toEqual({ revenueFen: 8333, refundFen: 1250, commissionFen: commission, netFen: 8333 - 1250 - commission, orderCount: 2, refundCount: 1 });
    expect(commission).toBe(267 + 400 - 100);
  });

  test('a refund alone (its order paid in an earlier period) gives negative commission back', () => {
    expect(figuresOf([m('a', 'refund_out', 1000)], () => 500)).toEqual({ revenueFen: 0, refundFen: 1000, commissionFen: -50, netFen: -950, orderCount: 0, refundCount: 1 });
  });

  test('the rate: approved terms, else the category default; none for orders paid in the free months', () => {
    expect(commissionRuleOf({ category: 'catering' })).toEqual({ rateBp: 800, source: 'default' });
    const rule = commissionRuleOf({ category: 'beauty', terms: { commissionRateBp: 650, freeUntil: '2026-06-01T00:00:00.000Z' } });
    expect(rule).toEqual({ rateBp: 650, source: 'terms', freeUntil: '2026-06-01T00:00:00.000Z' });
    expect(rateFor(rule, '2026-05-31T23:59:59.000Z')).toBe(0);
    expect(rateFor(rule, '2026-06-01T00:00:00.000Z')).toBe(650);
  });
});
