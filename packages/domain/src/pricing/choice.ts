import { DomainError } from '../errors';
import type { Product, Sku } from '../schemas/product';

/** What a cart line chooses of a product: the SKU (大份 / 小份) when the product has SKUs, and its specs (加辣). */
export interface LineChoice {
  productId: string;
  skuId?: string;
  specs?: Record<string, string>;
}

/** A line's choice as pricing and the apps read it. */
export interface ResolvedChoice {
  sku?: Sku;
  /** Every spec of the product with its chosen option (an omitted spec is its first option). */
  specs: Record<string, string>;
  specLabels: string[];
  /** The SKU's price (else the product's) plus the chosen options' deltas. */
  unitPriceFen: number;
  /** What this line draws on: the SKU's stock when it names one, else the product's. */
  stock: number;
  /** Lines with the same key are the same line (merged in a cart, refused twice in an order). */
  key: string;
}

/**
 * The key of a cart line: product, SKU and specs. Two lines the same customer would call the same dish have one
 * key: a cart merges them, pricing refuses them twice. Spec names are sorted, so the order they were picked in does
 * not matter.
 */
export function choiceKey(choice: LineChoice): string {
  const specs = Object.entries(choice.specs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([choice.productId, choice.skuId ?? null, specs]);
}

/** The key of the stock a line draws on (product, or product and SKU): lines of one key share it. */
export const stockKey = (productId: string, skuId?: string) => (skuId ? `${productId}/${skuId}` : productId);

/**
 * Resolves a line against the database's copy of its product: a product with SKUs needs one of them (SKU_REQUIRED,
 * SKU_NOT_FOUND), one without SKUs takes none (SKU_NOT_FOUND); each spec must be one the product has (INVALID_SPEC).
 * Pricing and the apps' pickers both call this, so what the picker shows is what the order costs.
 */
export function resolveChoice(product: Pick<Product, '_id' | 'name' | 'priceFen' | 'stock' | 'specs' | 'skus'>, choice: Omit<LineChoice, 'productId'>): ResolvedChoice {
  const at = { productId: product._id };
  let sku: Sku | undefined;
  if (product.skus?.length) {
    if (choice.skuId === undefined) throw new DomainError('SKU_REQUIRED', `请选择「${product.name}」的规格（${product.skus.map((s) => s.label).join('/')}）`, at);
    sku = product.skus.find((s) => s.id === choice.skuId);
    if (!sku) throw new DomainError('SKU_NOT_FOUND', `「${product.name}」没有所选规格，请刷新后重新选择`, { ...at, skuId: choice.skuId });
  } else if (choice.skuId !== undefined) {
    throw new DomainError('SKU_NOT_FOUND', `「${product.name}」没有可选规格，请刷新后重新选择`, { ...at, skuId: choice.skuId });
  }
  // A spec the product does not have would be ignored by the price, yet make the line look new to a duplicate check.
  const unknown = Object.keys(choice.specs ?? {}).find((name) => !(product.specs ?? []).some((spec) => spec.name === name));
  if (unknown !== undefined) throw new DomainError('INVALID_SPEC', `「${product.name}」没有「${unknown}」这个规格`, at);
  let unitPriceFen = sku ? sku.priceFen : product.priceFen;
  const specs: Record<string, string> = {};
  const specLabels: string[] = [];
  for (const spec of product.specs ?? []) {
    const chosen = choice.specs?.[spec.name] ?? spec.options[0].label;
    const option = spec.options.find((o) => o.label === chosen);
    if (!option) throw new DomainError('INVALID_SPEC', `「${product.name}」没有「${chosen}」这个规格`, at);
    unitPriceFen += option.priceDeltaFen;
    specs[spec.name] = option.label;
    specLabels.push(option.label);
  }
  const key = choiceKey({ productId: product._id, ...(sku ? { skuId: sku.id } : {}), specs });
  return { ...(sku ? { sku } : {}), specs, specLabels, unitPriceFen, stock: sku ? sku.stock : product.stock, key };
}
