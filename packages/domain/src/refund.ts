import { DomainError } from './errors';
import { unitsShareFen } from './money';
import { pricedLines, refundedQuantities } from './pricing/lines';
import { lineTitle } from './labels';
import type { Order, RefundLine } from './schemas/order';

/** What a consumer asks to refund: units of order lines (`line`: index in `order.items`). */
export interface RefundItem {
  line: number;
  quantity: number;
}

export interface RefundPlan {
  /** What goes back: the lines' amounts plus, for the refund that empties the order, its fees. */
  amountFen: number;
  lines: RefundLine[];
  /** The order-level fees (packaging, delivery) this refund returns: all that was paid for them, or 0. */
  feesFen: number;
  /** Nothing of the order is left to refund after this one. */
  full: boolean;
}

export type RefundableOrder = Pick<Order, 'items' | 'breakdown' | 'totalFen' | 'refundedFen' | 'refundedLines'>;

/**
 * The money a refund request gives back, computed from the lines' payable amounts (never a free-form amount).
 *
 * - No items (or every unit of every line still unrefunded): the whole order, which returns everything paid,
 *   packaging and delivery included, as a full refund always has.
 * - Some units: each selected line's payable amount for those units (the line's amount spread over its units, so a
 *   line refunded unit by unit adds up to exactly its payable amount). Order-level fees stay with the store: the
 *   delivery was made and the packaging used for the rest of the order.
 * - Units already refunded (`refundedLines`) are not refundable again: a line can never be refunded twice, and the
 *   refund that gives back the last units also returns the fees, so all refunds of an order together return at
 *   most, and for a fully refunded order exactly, what was paid.
 *
 * Refuses an unknown or repeated line (INVALID_INPUT), more units than are left (REFUND_TOO_LARGE), and a refund of
 * nothing (a selection whose payable amount is zero: the gateway takes no zero refund).
 */
export function planRefund(order: RefundableOrder, items?: readonly RefundItem[]): RefundPlan {
  if (!order.refundedLines && order.refundedFen) {
    // Refunded before refunds were recorded per line: what it covered is unknown, so nothing more can be refunded.
    throw new DomainError('REFUND_TOO_LARGE', '该订单已退款，不能再次申请');
  }
  const lines = pricedLines(order);
  const done = refundedQuantities(order);
  const left = lines.map((l, i) => l.quantity - done[i]);
  const wanted = items && items.length ? items : lines.map((_, i) => ({ line: i, quantity: left[i] })).filter((x) => x.quantity > 0);
  if (!wanted.length) throw new DomainError('REFUND_TOO_LARGE', '订单商品已全部退款');
  const seen = new Set<number>();
  const planned: RefundLine[] = [];
  for (const item of wanted) {
    const line = lines[item.line];
    if (!Number.isInteger(item.line) || !line) throw new DomainError('INVALID_INPUT', `订单没有第 ${item.line + 1} 件商品`, { line: item.line });
    if (seen.has(item.line)) throw new DomainError('INVALID_INPUT', `「${lineTitle(line)}」重复出现，请合并数量`, { line: item.line });
    seen.add(item.line);
    if (!Number.isInteger(item.quantity) || item.quantity < 1) throw new DomainError('INVALID_INPUT', `「${lineTitle(line)}」的退款数量至少为 1`, { line: item.line });
    if (item.quantity > left[item.line]) {
      throw new DomainError('REFUND_TOO_LARGE', left[item.line] ? `「${lineTitle(line)}」最多还能退 ${left[item.line]} 件` : `「${lineTitle(line)}」已退款`, {
        line: item.line,
        refundable: left[item.line],
      });
    }
    const from = done[item.line];
    planned.push({ line: item.line, quantity: item.quantity, amountFen: unitsShareFen(line.payableFen, line.quantity, from, from + item.quantity) });
  }
  const full = left.every((n, i) => n === (planned.find((p) => p.line === i)?.quantity ?? 0));
  const linesFen = planned.reduce((a, p) => a + p.amountFen, 0);
  const alreadyFen = (order.refundedLines ?? []).reduce((a, r) => a + r.amountFen, 0);
  // The last refund takes what is left of the total: the lines' rest plus the fees (no fee was refunded before).
  const feesFen = full ? order.totalFen - alreadyFen - linesFen : 0;
  if (feesFen < 0) throw new DomainError('REFUND_TOO_LARGE', '退款金额超过实付金额');
  const amountFen = linesFen + feesFen;
  if (amountFen < 1) throw new DomainError('INVALID_INPUT', '所选商品实付金额为 0，无需退款');
  return { amountFen, lines: planned, feesFen, full };
}

/**
 * The lines a refund of `amountFen` covers when the caller did not say: the open request's lines when it is for that
 * amount, the whole order when it is the order's total, else none (a free-form amount requested before lines were
 * recorded).
 */
export function linesOfRefund(order: RefundableOrder & Pick<Order, 'refundRequestedFen' | 'refundRequestedLines'>, amountFen: number): RefundLine[] | undefined {
  if (order.refundRequestedLines && amountFen === order.refundRequestedFen) return order.refundRequestedLines;
  if (amountFen === order.totalFen && !order.refundedLines?.length && !order.refundedFen) return planRefund(order).lines;
  return undefined;
}
