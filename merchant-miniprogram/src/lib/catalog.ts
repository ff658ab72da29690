/** What the catalogue pages compute from the merchant's typing: prices in yuan, price changes, stock figures. */
import { formatFen, MAX_STOCK, type ApiInput, type ApiOutput } from '@daojia/domain';

/** 「26」「26.5」「26.50」 in fen (integer arithmetic), or null. */
function parseYuan(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

export type CatalogList = ApiOutput<'merchantCatalog', 'list'>;
export type ManagedProduct = CatalogList['products'][number];
export type PriceChangeInput = ApiInput<'merchantCatalog', 'bulkPrice'>['change'];
export type PriceMode = PriceChangeInput['mode'];

/** 「¥26.00 起」 for a product sold by SKU at different prices, 「¥26.00」 otherwise. */
export function priceText(p: Pick<ManagedProduct, 'priceFen' | 'skus'>): string {
  const prices = new Set((p.skus ?? []).map((s) => s.priceFen));
  return prices.size > 1 ? `${formatFen(p.priceFen)} 起` : formatFen(p.priceFen);
}

/** Yuan as typed into a price box (「26」「26.5」「26.50」) in fen, or an error to show. */
export function yuanToFen(text: string): { fen: number } | { error: string } {
  const fen = parseYuan(text);
  if (fen === null) return { error: '请输入正确的金额，如 26 或 26.50' };
  if (fen < 1) return { error: '价格至少 0.01 元' };
  return { fen };
}

export const fenToYuan = (fen: number) => (fen / 100).toFixed(2);

/** A stock figure as typed, or an error. */
export function parseStock(text: string): { stock: number } | { error: string } {
  if (!/^\d{1,6}$/.test(text.trim())) return { error: '库存须为 0 或正整数' };
  const stock = Number(text.trim());
  if (stock > MAX_STOCK) return { error: `库存不能超过 ${MAX_STOCK}` };
  return { stock };
}

export const PRICE_MODES: { value: PriceMode; label: string; placeholder: string }[] = [
  { value: 'set', label: '改为', placeholder: '新价格（元），如 19.90' },
  { value: 'add', label: '加减', placeholder: '加减金额（元），降价填负数，如 -2' },
  { value: 'percent', label: '按比例', placeholder: '百分比，如 -10 即九折，10 即涨 10%' },
];

/** The bulk price change the form describes, or what is wrong with it. */
export function priceChangeOf(mode: PriceMode, text: string): { change: PriceChangeInput } | { error: string } {
  const v = text.trim();
  if (mode === 'set') {
    const r = yuanToFen(v);
    return 'error' in r ? r : { change: { mode, priceFen: r.fen } };
  }
  if (mode === 'add') {
    const negative = v.startsWith('-');
    const fen = parseYuan(negative ? v.slice(1) : v.replace(/^\+/, ''));
    if (fen === null || fen === 0) return { error: '请输入加减的金额，如 2 或 -2' };
    return { change: { mode, deltaFen: negative ? -fen : fen } };
  }
  if (!/^[+-]?\d{1,3}$/.test(v) || Number(v) === 0) return { error: '请输入整数百分比，如 -10 或 15' };
  const percent = Number(v);
  if (percent < -90 || percent > 500) return { error: '比例须在 -90% 到 +500% 之间' };
  return { change: { mode, percent } };
}
