import { DomainError } from './errors';
import type { Product, Sku } from './schemas/product';

/**
 * The catalogue's invariants, in one place (the merchant's edits, the spreadsheet import and the demo seed all call
 * these): a product with SKUs costs what its cheapest SKU costs (lists show 「起」) and has the sum of its SKUs' stock.
 * Takes and give-backs keep the sum by changing both in the same update (catalog module); whatever writes a whole
 * product goes through `withSkuTotals`.
 */
export function withSkuTotals<T extends Pick<Product, 'priceFen' | 'stock'> & { skus?: Sku[] }>(p: T): T {
  if (!p.skus?.length) return p;
  return { ...p, priceFen: Math.min(...p.skus.map((s) => s.priceFen)), stock: p.skus.reduce((n, s) => n + s.stock, 0) };
}

/** At or below this stock a product is flagged when it sets no `lowStockAt` of its own. */
export const DEFAULT_LOW_STOCK_AT = 5;

/** A product's low-stock mark: its own, else the default (5). */
export const lowStockMark = (p: Pick<Product, 'lowStockAt'>) => p.lowStockAt ?? DEFAULT_LOW_STOCK_AT;

/**
 * Low stock: at or below the product's mark. With SKUs each SKU is stocked on its own, so any SKU at or below the
 * mark flags the product (a sold-out 大杯 among plenty of 中杯 needs restocking too).
 */
export const isLowStock = (p: Pick<Product, 'stock' | 'lowStockAt'> & { skus?: Pick<Sku, 'stock'>[] }) =>
  p.skus?.length ? p.skus.some((s) => s.stock <= lowStockMark(p)) : p.stock <= lowStockMark(p);

/** A bulk price change: set every chosen price to an amount, add an amount (negative lowers), or change by a percentage. */
export type PriceChange = { mode: 'set'; priceFen: number } | { mode: 'add'; deltaFen: number } | { mode: 'percent'; percent: number };

/**
 * One price after a change. A percentage is a whole number (-90 … +500, so -10 is 9折) and the result is rounded to
 * the nearest fen, a half fen up (exact integer arithmetic: 1999 × 90% = 1799.1 → 1799, 15 × 90% = 13.5 → 14). A
 * result below 1 fen is refused (PRICE_TOO_LOW), whatever the mode.
 */
export function changedPrice(priceFen: number, change: PriceChange): number {
  const next = change.mode === 'set' ? change.priceFen : change.mode === 'add' ? priceFen + change.deltaFen : Math.floor((priceFen * (100 + change.percent) + 50) / 100);
  if (!Number.isSafeInteger(next) || next < 1) throw new DomainError('PRICE_TOO_LOW', '调整后的价格不能低于 0.01 元');
  return next;
}

/**
 * A product's prices after a bulk change: its own price, or each SKU's (then the product's price is the cheapest
 * SKU's again). Throws PRICE_TOO_LOW naming the product, before anything is written.
 */
export function productWithChangedPrice(p: Pick<Product, 'name' | 'priceFen' | 'stock'> & { skus?: Sku[] }, change: PriceChange): { priceFen: number; skus?: Sku[] } {
  try {
    if (!p.skus?.length) return { priceFen: changedPrice(p.priceFen, change) };
    const skus = p.skus.map((s) => ({ ...s, priceFen: changedPrice(s.priceFen, change) }));
    return { priceFen: withSkuTotals({ ...p, skus }).priceFen, skus };
  } catch (e) {
    if (e instanceof DomainError) throw new DomainError(e.code, `「${p.name}」${e.message}`, { productName: p.name });
    throw e;
  }
}
