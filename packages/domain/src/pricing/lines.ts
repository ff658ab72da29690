import { apportion } from '../money';
import type { Breakdown, DiscountKind, Order, PriceLine, RefundLine } from '../schemas/order';

/** A priced line with its discount shares always present (what pricing writes on new orders). */
export type PricedLine = PriceLine & { discounts: { kind: DiscountKind; amountFen: number }[]; payableFen: number };

/**
 * Spreads one order-level discount over the lines, in proportion to what each line still costs after the discounts
 * before it (largest remainder, money.ts). Weighing by what is left, not by the subtotal, keeps every line's payable
 * amount at zero or above: a discount never exceeds the goods amount still left, so no share exceeds its line's rest.
 * Mutates the lines; a line whose share is zero gets no entry.
 */
export function spreadDiscount(lines: PricedLine[], discount: { kind: DiscountKind; amountFen: number }): void {
  const shares = apportion(
    discount.amountFen,
    lines.map((l) => l.payableFen),
  );
  lines.forEach((line, i) => {
    if (!shares[i]) return;
    line.discounts.push({ kind: discount.kind, amountFen: shares[i] });
    line.payableFen -= shares[i];
  });
}

/** A copy of the lines with no discount applied yet. */
const fresh = (lines: readonly PriceLine[]): PricedLine[] => lines.map((l) => ({ ...l, discounts: [], payableFen: l.subtotalFen }));

/**
 * An order's (or a quote's) lines with their discount shares. Orders priced since discounts were apportioned carry
 * them; for orders stored before, the breakdown's discounts are spread again in the order pricing applied them,
 * which gives what pricing would have written.
 */
export function pricedLines(source: Pick<Order, 'items' | 'breakdown'> | Pick<Breakdown, 'lines' | 'discounts'>): PricedLine[] {
  const lines = 'items' in source ? source.items : source.lines;
  const discounts = 'items' in source ? source.breakdown.discounts : source.discounts;
  if (lines.every((l) => l.discounts !== undefined && l.payableFen !== undefined)) return lines.map((l) => ({ ...l, discounts: [...l.discounts!], payableFen: l.payableFen! }));
  const priced = fresh(lines);
  for (const d of discounts) spreadDiscount(priced, d);
  return priced;
}

/** What one order line earned and gave back: the amounts commission and settlement work from. */
export interface LineAmounts {
  /** Index in `order.items`. */
  line: number;
  productId: string;
  name: string;
  skuId?: string;
  skuLabel?: string;
  specLabel?: string;
  quantity: number;
  subtotalFen: number;
  /** The line's share of each discount, and their sum. */
  discounts: { kind: DiscountKind; amountFen: number }[];
  discountFen: number;
  /** What the customer paid for the line: subtotal minus its discount shares. */
  payableFen: number;
  /** Units and money refunds gave back for this line. */
  refundedQuantity: number;
  refundedFen: number;
  /** What the store keeps for the line: payable minus refunded. */
  netFen: number;
}

/**
 * Per-line amounts of an order, with what refunds gave back (settlement and commission read this; issue 12).
 * Order-level fees (packaging, delivery) are not on lines: `orderFees` has them.
 * Refunds recorded per line (`refundedLines`) are read as they are. An order refunded before lines were recorded
 * has only `refundedFen`: the whole order when it equals the total, else a free-form amount, spread over the lines
 * by what they cost (no unit counts are known for it).
 */
export function lineAmounts(order: Pick<Order, 'items' | 'breakdown' | 'totalFen' | 'refundedFen' | 'refundedLines'>): LineAmounts[] {
  const lines = pricedLines(order);
  const refunded = lines.map(() => ({ quantity: 0, fen: 0 }));
  if (order.refundedLines) {
    for (const r of order.refundedLines) {
      if (!refunded[r.line]) continue;
      refunded[r.line].quantity += r.quantity;
      refunded[r.line].fen += r.amountFen;
    }
  } else if (order.refundedFen) {
    const goodsFen = lines.reduce((a, l) => a + l.payableFen, 0);
    const whole = order.refundedFen >= order.totalFen;
    const shares = apportion(
      Math.min(order.refundedFen, goodsFen),
      lines.map((l) => l.payableFen),
    );
    lines.forEach((l, i) => {
      refunded[i] = { quantity: whole ? l.quantity : 0, fen: shares[i] };
    });
  }
  return lines.map((l, i) => {
    const discountFen = l.discounts.reduce((a, d) => a + d.amountFen, 0);
    return {
      line: i,
      productId: l.productId,
      name: l.name,
      ...(l.skuId !== undefined ? { skuId: l.skuId } : {}),
      ...(l.skuLabel !== undefined ? { skuLabel: l.skuLabel } : {}),
      ...(l.specLabel !== undefined ? { specLabel: l.specLabel } : {}),
      quantity: l.quantity,
      subtotalFen: l.subtotalFen,
      discounts: l.discounts,
      discountFen,
      payableFen: l.payableFen,
      refundedQuantity: refunded[i].quantity,
      refundedFen: refunded[i].fen,
      netFen: l.payableFen - refunded[i].fen,
    };
  });
}

/** The order-level fees (not apportioned to lines: they are the order's, not any dish's). */
export const orderFees = (order: Pick<Order, 'breakdown'>) => ({
  packagingFen: order.breakdown.packagingFen,
  deliveryFen: order.breakdown.deliveryFen,
  totalFen: order.breakdown.packagingFen + order.breakdown.deliveryFen,
});

/** Units of each line refunds already gave back, by line index. */
export function refundedQuantities(order: Pick<Order, 'items' | 'refundedLines'>): number[] {
  const done = order.items.map(() => 0);
  for (const r of order.refundedLines ?? []) if (r.line < done.length) done[r.line] += r.quantity;
  return done;
}

export type { RefundLine };
