import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DEFAULT_COMMISSION_BP, dateRange, figuresOf, type Category, type Movement } from '@daojia/domain';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Past payouts for the demo store, so its finance page shows what payouts look like: nothing produces payouts yet
 * (issue 12's settlement runs will). Two weekly transfers over the history's days (13–8 and 7–2 days before the
 * seed), each the history ledger's figures for its days at the category's default commission, paid the next morning.
 */
export function buildDemoPayouts(store: { _id: string; region: string; category: Category }, ledger: Record<string, unknown>[], now = dayjs()) {
  const movements = ledger.filter((e) => e.storeId === store._id) as unknown as Movement[];
  const day = (ago: number) => now.tz('Asia/Shanghai').subtract(ago, 'day').format('YYYY-MM-DD');
  return [
    [13, 8],
    [7, 2],
  ].map(([fromAgo, toAgo], i) => {
    const span = dateRange(day(fromAgo), day(toAgo));
    const f = figuresOf(
      movements.filter((m) => m.at >= span.from && m.at < span.to),
      () => DEFAULT_COMMISSION_BP[store.category],
    );
    const paidAt = dayjs.utc(span.to).add(2, 'hour').toISOString(); // 10:00 the next morning in Shanghai
    return {
      _id: `payout-${store._id}-${i + 1}`,
      storeId: store._id,
      region: store.region,
      fromDate: span.fromDate,
      toDate: span.toDate,
      orderCount: f.orderCount,
      revenueFen: f.revenueFen,
      refundFen: f.refundFen,
      commissionFen: f.commissionFen,
      amountFen: f.netFen,
      status: 'paid',
      reference: `DEMO-TRANSFER-${String(i + 1).padStart(4, '0')}`,
      paidAt,
      createdAt: paidAt,
    };
  });
}
