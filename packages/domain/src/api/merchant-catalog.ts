import { z } from 'zod';
import { id } from '../schemas/common';
import { product, spec } from '../schemas/product';
import { productCategory } from '../schemas/category';
import { contract } from './contract';
import { importFileInput, importJobOutput, importStatusInput, sheetFileInput, sheetFileOutput } from './catalog-import';

/** The most a stock figure may be set to (a typo such as 1000000 is refused rather than stored). */
export const MAX_STOCK = 99_999;
/** The most a price may be (¥99,999.99). */
export const MAX_PRICE_FEN = 9_999_999;

const priceFen = z.number({ error: '请填写价格' }).int('价格以分计，须为整数').min(1, '价格至少 0.01 元').max(MAX_PRICE_FEN, '价格不能超过 99999.99 元');
const stock = z.number({ error: '请填写库存' }).int('库存须为整数').min(0, '库存不能为负数').max(MAX_STOCK, `库存不能超过 ${MAX_STOCK}`);
const selectedProductIds = z.array(id).min(1, '请至少选择一个商品').max(100, '一次最多选择 100 个商品');
const categoryName = z.string().trim().min(1, '请填写分类名称').max(20, '分类名称最多 20 个字');

/**
 * A SKU as the form sends it: a new one has no id yet (the server gives it one) and needs its stock; a kept one sends
 * `stock` only when the merchant changed it (left out, what orders took since the form was opened stays taken).
 */
export const skuInput = z
  .object({
    id: z.string().min(1).max(32).optional(),
    label: z.string().trim().min(1, '请填写规格名称').max(20, '规格名称最多 20 个字'),
    priceFen,
    stock: stock.optional(),
  })
  .strict();

const productFields = z
  .object({
    name: z.string().trim().min(1, '请填写商品名称').max(60, '商品名称最多 60 个字'),
    description: z.string().trim().max(500, '商品描述最多 500 个字'),
    categoryName,
    kind: z.enum(['goods', 'service'], { error: '请选择商品或服务' }),
    durationMin: z
      .number()
      .int('服务时长须为整数分钟')
      .min(5, '服务时长至少 5 分钟')
      .max(24 * 60, '服务时长不能超过 24 小时')
      .nullable(),
    /** Cloud file ids: the product's own already, or the caller's own uploads (checked by the server). */
    images: z.array(z.string().min(1).max(512)).max(9, '最多 9 张图片'),
    specs: z.array(spec).max(10, '最多 10 组口味/加料选项'),
    /** With SKUs the product's price and stock follow them (cheapest, sum); without, `priceFen` and `stock` are the product's. */
    skus: z.array(skuInput).max(20, '最多 20 个规格'),
    priceFen,
    stock,
    /** null: back to the platform default. */
    lowStockAt: z.number().int('预警库存须为整数').min(0, '预警库存不能为负数').max(MAX_STOCK).nullable(),
    onShelf: z.boolean(),
  })
  .strict();

/**
 * Create (no `productId`) or edit a product: an edit sends only what changed (a patch). A create needs a name, a
 * category, a kind and either SKUs or a price and stock; a service needs its duration. SKU labels are unique.
 * Stock sent here is the figure the merchant wants now; the server applies it as a difference against what it read,
 * so orders taken meanwhile are not lost (modules/catalog/manage.ts).
 */
export const saveProductInput = productFields
  .partial()
  .extend({ productId: id.optional() })
  .strict()
  .superRefine((p, ctx) => {
    if (!p.productId) {
      if (p.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写商品名称' });
      if (p.categoryName === undefined) ctx.addIssue({ code: 'custom', path: ['categoryName'], message: '请选择分类' });
      if (p.kind === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: '请选择商品或服务' });
      if (!p.skus?.length && (p.priceFen === undefined || p.stock === undefined)) ctx.addIssue({ code: 'custom', path: ['priceFen'], message: '请填写价格和库存，或添加规格' });
      if (p.kind === 'service' && !p.durationMin) ctx.addIssue({ code: 'custom', path: ['durationMin'], message: '服务需要填写时长' });
    }
    const labels = (p.skus ?? []).map((s) => s.label);
    if (new Set(labels).size !== labels.length) ctx.addIssue({ code: 'custom', path: ['skus'], message: '规格名称不能重复' });
    (p.skus ?? []).forEach((s, i) => {
      if (!s.id && s.stock === undefined) ctx.addIssue({ code: 'custom', path: ['skus', i, 'stock'], message: '请填写库存' });
    });
    const ids = (p.skus ?? []).flatMap((s) => (s.id ? [s.id] : []));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['skus'], message: '规格重复' });
  });
export type SaveProductInput = z.output<typeof saveProductInput>;

/** A product as the merchant's list shows it: every product, on shelf or not, with its low-stock flag. */
export const managedProduct = product.extend({ lowStock: z.boolean() });
export const managedCategory = productCategory.extend({ productCount: z.number().int().min(0) });

export const catalogListInput = z.object({}).strict();
export const catalogListOutput = z.object({
  storeId: id,
  /** In the merchant's order; a name products use that has no category record yet comes last. */
  categories: z.array(managedCategory),
  products: z.array(managedProduct),
  lowStockCount: z.number().int().min(0),
  /** This function's actions the caller may call in this store (a clerk: shelf and stock, not prices). */
  allowed: z.array(z.string()),
});

export const catalogProductOutput = z.object({ product: managedProduct });
export const catalogProductIdInput = z.object({ productId: id }).strict();
export const catalogRemovedOutput = z.object({ removed: z.number().int().min(0) });

export const setShelfInput = z.object({ productIds: selectedProductIds, onShelf: z.boolean() }).strict();
export const setShelfOutput = z.object({ updated: z.number().int().min(0) });

/** A product's stock, or one SKU's (then the product's total follows). */
export const setStockInput = z.object({ productId: id, skuId: z.string().min(1).max(32).optional(), stock }).strict();

export const priceChange = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('set'), priceFen }).strict(),
    z.object({ mode: z.literal('add'), deltaFen: z.number().int('金额以分计，须为整数').min(-MAX_PRICE_FEN).max(MAX_PRICE_FEN) }).strict(),
    z.object({ mode: z.literal('percent'), percent: z.number().int('百分比须为整数').min(-90, '最多降价 90%').max(500, '最多涨价 500%') }).strict(),
  ],
  { error: '请选择调价方式' },
);
export const bulkPriceInput = z.object({ productIds: selectedProductIds, change: priceChange }).strict();
export const catalogProductsOutput = z.object({ products: z.array(managedProduct) });

export const saveCategoryInput = z.object({ categoryId: id.optional(), name: categoryName }).strict();
export const categoryOutput = z.object({ category: productCategory, movedProducts: z.number().int().min(0) });
export const reorderCategoriesInput = z.object({ categoryIds: z.array(id).min(1).max(100) }).strict();
export const categoriesOutput = z.object({ categories: z.array(productCategory) });
export const categoryIdInput = z.object({ categoryId: id }).strict();

/** merchantCatalog: the store's catalogue as its staff manage it (permissions per action in the function). */
export const MERCHANT_CATALOG_API = {
  list: contract(catalogListInput, catalogListOutput),
  save: contract(saveProductInput, catalogProductOutput, ['PRODUCT_NOT_FOUND', 'CATEGORY_NOT_FOUND', 'IMAGE_NOT_ALLOWED', 'PRODUCT_HELD', 'PRODUCT_BUSY']),
  remove: contract(catalogProductIdInput, catalogRemovedOutput, ['PRODUCT_NOT_FOUND', 'PRODUCT_HELD']),
  setShelf: contract(setShelfInput, setShelfOutput, ['PRODUCT_NOT_FOUND']),
  setStock: contract(setStockInput, catalogProductOutput, ['PRODUCT_NOT_FOUND', 'SKU_NOT_FOUND', 'SKU_REQUIRED', 'PRODUCT_BUSY']),
  bulkPrice: contract(bulkPriceInput, catalogProductsOutput, ['PRODUCT_NOT_FOUND', 'PRICE_TOO_LOW', 'PRODUCT_BUSY']),
  saveCategory: contract(saveCategoryInput, categoryOutput, ['CATEGORY_NOT_FOUND', 'CATEGORY_EXISTS']),
  reorderCategories: contract(reorderCategoriesInput, categoriesOutput, ['CATEGORY_NOT_FOUND']),
  removeCategory: contract(categoryIdInput, catalogRemovedOutput, ['CATEGORY_NOT_FOUND', 'CATEGORY_NOT_EMPTY']),
  // The spreadsheet import, its template and the export (catalog-import.ts).
  importFile: contract(importFileInput, importJobOutput, ['IMPORT_FILE_INVALID', 'IMPORT_EXISTS']),
  importStatus: contract(importStatusInput, importJobOutput, ['IMPORT_NOT_FOUND']),
  importTemplate: contract(sheetFileInput, sheetFileOutput),
  exportCatalog: contract(sheetFileInput, sheetFileOutput),
};
