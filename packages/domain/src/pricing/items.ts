import { DomainError } from '../errors';
import type { Calculator } from './context';

export const MAX_QUANTITY = 99;

/** Unit prices come from the database copy of each product, never from the request. */
export const itemsCalculator: Calculator = (ctx) => {
  const { store, products, items } = ctx.input;
  if (!items.length) throw new DomainError('EMPTY_CART', '购物车是空的，请先选择商品');
  const seen = new Set<string>();
  const taken = new Map<string, number>();
  for (const item of items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw new DomainError('INVALID_QUANTITY', `每件商品数量需在 1 到 ${MAX_QUANTITY} 之间`, { productId: item.productId });
    }
    const product = products[item.productId];
    if (!product) throw new DomainError('PRODUCT_NOT_FOUND', '商品不存在或已删除，请刷新后重试', { productId: item.productId });
    if (product.storeId !== store._id) throw new DomainError('STORE_MISMATCH', '一个订单只能包含同一家店的商品', { productId: item.productId });
    if (!product.onShelf) throw new DomainError('PRODUCT_OFF_SHELF', `「${product.name}」已下架`, { productId: item.productId });
    // A spec the product does not have would be ignored by the price, yet make the line look new to the check below.
    const unknown = Object.keys(item.specs ?? {}).find((name) => !(product.specs ?? []).some((spec) => spec.name === name));
    if (unknown !== undefined) throw new DomainError('INVALID_SPEC', `「${product.name}」没有「${unknown}」这个规格`, { productId: item.productId });
    let unit = product.priceFen;
    const labels: string[] = [];
    for (const spec of product.specs ?? []) {
      const chosen = item.specs?.[spec.name] ?? spec.options[0].label;
      const option = spec.options.find((o) => o.label === chosen);
      if (!option) throw new DomainError('INVALID_SPEC', `「${product.name}」没有「${chosen}」这个规格`, { productId: item.productId });
      unit += option.priceDeltaFen;
      labels.push(option.label);
    }
    // Lines are the same when they resolve to the same options (an omitted spec is its first option): one line,
    // whose quantity the cap above bounds. The same product in different real specs is two lines.
    const lineKey = JSON.stringify([item.productId, labels]);
    if (seen.has(lineKey)) throw new DomainError('DUPLICATE_ITEM', `「${product.name}」重复出现，请合并数量`, { productId: item.productId });
    seen.add(lineKey);
    if (unit < 0) throw new DomainError('INVALID_PRICE', `「${product.name}」价格配置有误`, { productId: item.productId });
    // Specs share the product's stock.
    const wanted = (taken.get(product._id) ?? 0) + item.quantity;
    if (product.stock < wanted) throw new DomainError('OUT_OF_STOCK', `「${product.name}」库存不足，仅剩 ${product.stock} 件`, { productId: item.productId });
    taken.set(product._id, wanted);
    const subtotalFen = unit * item.quantity;
    ctx.lines.push({
      productId: product._id,
      name: product.name,
      ...(labels.length ? { specLabel: labels.join('/') } : {}),
      unitPriceFen: unit,
      quantity: item.quantity,
      subtotalFen,
      discounts: [],
      payableFen: subtotalFen,
    });
    ctx.itemsFen += subtotalFen;
  }
};
