import { DomainError } from '../errors';
import type { Calculator } from './context';
import { resolveChoice, stockKey } from './choice';

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
    const choice = resolveChoice(product, item);
    const unit = choice.unitPriceFen;
    // Lines are the same when they resolve to the same SKU and options (an omitted spec is its first option): one
    // line, whose quantity the cap above bounds. The same product in another SKU or other real specs is another line.
    if (seen.has(choice.key)) throw new DomainError('DUPLICATE_ITEM', `「${product.name}」重复出现，请合并数量`, { productId: item.productId });
    seen.add(choice.key);
    if (unit < 0) throw new DomainError('INVALID_PRICE', `「${product.name}」价格配置有误`, { productId: item.productId });
    // Specs share their SKU's stock (or the product's, without SKUs); each SKU has its own.
    const drawn = stockKey(product._id, choice.sku?.id);
    const wanted = (taken.get(drawn) ?? 0) + item.quantity;
    const title = choice.sku ? `${product.name}（${choice.sku.label}）` : product.name;
    if (choice.stock < wanted) throw new DomainError('OUT_OF_STOCK', `「${title}」库存不足，仅剩 ${choice.stock} 件`, { productId: item.productId, ...(choice.sku ? { skuId: choice.sku.id } : {}) });
    taken.set(drawn, wanted);
    const subtotalFen = unit * item.quantity;
    ctx.lines.push({
      productId: product._id,
      name: product.name,
      ...(choice.sku ? { skuId: choice.sku.id, skuLabel: choice.sku.label } : {}),
      ...(choice.specLabels.length ? { specLabel: choice.specLabels.join('/') } : {}),
      unitPriceFen: unit,
      quantity: item.quantity,
      subtotalFen,
      discounts: [],
      payableFen: subtotalFen,
    });
    ctx.itemsFen += subtotalFen;
  }
};
