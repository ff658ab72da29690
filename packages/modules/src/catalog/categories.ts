import { randomBytes } from 'node:crypto';
import { DomainError, type Product, type ProductCategory } from '@daojia/domain';
import * as repo from './repository';

/**
 * A store's categories (`product_categories`): products name theirs by `categoryName`, so a rename moves its
 * products with one update, and a category is removed only when no product (on shelf or not) is in it.
 */

const newCategoryId = (storeId: string) => `${storeId}-c${randomBytes(5).toString('hex')}`;

/** Categories in the merchant's order, then the names products use that have no record (older data), in first-use order. */
export function orderedCategoryNames(categories: ProductCategory[], products: Pick<Product, 'categoryName'>[]): string[] {
  const names = categories.map((c) => c.name);
  for (const p of products) if (!names.includes(p.categoryName)) names.push(p.categoryName);
  return names;
}

/** Products grouped in the merchant's category order (stable within a category). */
export function inCategoryOrder<T extends Pick<Product, 'categoryName'>>(names: string[], products: T[]): T[] {
  const rank = new Map(names.map((n, i) => [n, i]));
  return products
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (rank.get(a.p.categoryName) ?? names.length) - (rank.get(b.p.categoryName) ?? names.length) || a.i - b.i)
    .map(({ p }) => p);
}

/** The consumer's menu: on-shelf products grouped in the merchant's category order, and those categories' names. */
export async function menuOf(storeId: string): Promise<{ products: Product[]; categories: string[] }> {
  const [shelf, categories] = await Promise.all([repo.shelfOf(storeId), repo.categoriesOf(storeId)]);
  const names = orderedCategoryNames(categories, shelf).filter((n) => shelf.some((p) => p.categoryName === n));
  return { products: inCategoryOrder(names, shelf), categories: names };
}

/**
 * Gives category records to names that have none yet, after the existing ones (the import, and stores whose
 * products predate category records). Returns the store's categories, in order.
 */
export async function ensureCategories(storeId: string, names: string[], existing?: ProductCategory[]): Promise<ProductCategory[]> {
  const categories = existing ?? (await repo.categoriesOf(storeId));
  const missing = [...new Set(names)].filter((n) => !categories.some((c) => c.name === n));
  let sort = Math.max(-1, ...categories.map((c) => c.sort));
  const added: ProductCategory[] = [];
  for (const name of missing) {
    const c = { _id: newCategoryId(storeId), storeId, name, sort: ++sort };
    await repo.insertCategory(c);
    added.push(c);
  }
  return [...categories, ...added];
}

/** Creates a category (last in the order) or renames one, moving its products (then returns how many moved). */
export async function saveCategory(storeId: string, input: { categoryId?: string; name: string }): Promise<{ category: ProductCategory; movedProducts: number }> {
  const categories = await repo.categoriesOf(storeId);
  const same = categories.find((c) => c.name === input.name);
  if (same && same._id !== input.categoryId) throw new DomainError('CATEGORY_EXISTS', `已有名为「${input.name}」的分类`);
  if (!input.categoryId) {
    const [category] = (await ensureCategories(storeId, [input.name], categories)).slice(-1);
    return { category, movedProducts: 0 };
  }
  const current = categories.find((c) => c._id === input.categoryId);
  if (!current) throw new DomainError('CATEGORY_NOT_FOUND', '分类不存在');
  if (current.name === input.name) return { category: current, movedProducts: 0 };
  // Products first: if the call dies between the two updates, running it again finds nothing left to move and
  // renames the record; the other way round the products would keep a name no record has.
  const movedProducts = await repo.renameProductsCategory(storeId, current.name, input.name);
  await repo.updateCategory(storeId, current._id, { name: input.name });
  return { category: { ...current, name: input.name }, movedProducts };
}

/** The new order names each of the store's categories exactly once. */
export async function reorderCategories(storeId: string, categoryIds: string[]): Promise<ProductCategory[]> {
  const categories = await repo.categoriesOf(storeId);
  const known = new Set(categories.map((c) => c._id));
  if (new Set(categoryIds).size !== categoryIds.length || categoryIds.length !== categories.length || categoryIds.some((id) => !known.has(id))) {
    throw new DomainError('CATEGORY_NOT_FOUND', '分类列表已变化，请刷新后重试');
  }
  const reordered = categoryIds.map((id, sort) => ({ ...categories.find((c) => c._id === id)!, sort }));
  for (const c of reordered) if (categories.find((o) => o._id === c._id)!.sort !== c.sort) await repo.updateCategory(storeId, c._id, { sort: c.sort });
  return reordered;
}

export async function removeCategory(storeId: string, categoryId: string): Promise<number> {
  const category = (await repo.categoriesOf(storeId)).find((c) => c._id === categoryId);
  if (!category) throw new DomainError('CATEGORY_NOT_FOUND', '分类不存在');
  const count = await repo.productCountIn(storeId, category.name);
  if (count > 0) throw new DomainError('CATEGORY_NOT_EMPTY', `分类「${category.name}」下还有 ${count} 个商品，请先移走或删除这些商品`);
  return (await repo.removeCategory(storeId, categoryId)) ? 1 : 0;
}
