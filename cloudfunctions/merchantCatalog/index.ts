import { can, MERCHANT_CATALOG_API as API } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { bulkPrice, removeCategory, removeProduct, reorderCategories, saveCategory, saveProduct, setShelf, setStock, storeCatalog } from '@daojia/modules/catalog';
import { catalogTemplate, exportCatalog, importCatalogFile, importJob } from '@daojia/modules/catalog/import';

/**
 * The store's catalogue as its staff manage it. Permissions per action (who holds them:
 * packages/domain/src/access/permissions.ts): reading it is `store.read` (owner, clerk); what the counter does
 * during the day, shelf and stock, is `store.stock.manage` (owner, clerk); products, prices and categories are
 * `store.catalog.manage` (the owner): a clerk is refused any price change here, before the input is read.
 */
export const main = defineFunction('merchantCatalog', {
  /** Every product (off-shelf ones too) in the merchant's category order, the categories, the low-stock flags and count. */
  list: action({
    ...API.list,
    permission: 'store.read',
    async handler(_input, { staff, access }) {
      const catalog = await storeCatalog(staff.storeId);
      // This function's own action table asked of the policy for the store acted on: the app shows what the role may do.
      const allowed = Object.entries(main.actions)
        .filter(([, def]) => can(access.principal, def.permission, { storeId: staff.storeId }))
        .map(([name]) => name);
      return { storeId: staff.storeId, ...catalog, allowed };
    },
  }),

  /** Create (no productId) or edit a product: photos, specs, SKUs with price and stock, or one price and stock. */
  save: action({
    ...API.save,
    permission: 'store.catalog.manage',
    async handler(input, { staff }) {
      return { product: await saveProduct(staff.storeId, input, staff.userKey) };
    },
  }),

  /** Only while no order holds its stock; past orders keep their own snapshots of it. */
  remove: action({
    ...API.remove,
    permission: 'store.catalog.manage',
    async handler({ productId }, { staff }) {
      return { removed: await removeProduct(staff.storeId, productId) };
    },
  }),

  /** On or off the shelf, one product or many (one update). */
  setShelf: action({
    ...API.setShelf,
    permission: 'store.stock.manage',
    async handler({ productIds, onShelf }, { staff }) {
      return { updated: await setShelf(staff.storeId, productIds, onShelf) };
    },
  }),

  /** A product's stock, or one SKU's; orders taking stock meanwhile are not lost. */
  setStock: action({
    ...API.setStock,
    permission: 'store.stock.manage',
    async handler({ productId, skuId, stock }, { staff }) {
      return { product: await setStock(staff.storeId, productId, stock, skuId) };
    },
  }),

  /** Set to / add / percent for the chosen products, SKUs included; any result under 1 fen changes nothing. */
  bulkPrice: action({
    ...API.bulkPrice,
    permission: 'store.catalog.manage',
    async handler({ productIds, change }, { staff }) {
      return { products: await bulkPrice(staff.storeId, productIds, change) };
    },
  }),

  /** Create a category, or rename one (its products move with it). */
  saveCategory: action({
    ...API.saveCategory,
    permission: 'store.catalog.manage',
    handler: (input, { staff }) => saveCategory(staff.storeId, input),
  }),

  reorderCategories: action({
    ...API.reorderCategories,
    permission: 'store.catalog.manage',
    async handler({ categoryIds }, { staff }) {
      return { categories: await reorderCategories(staff.storeId, categoryIds) };
    },
  }),

  /** Only an empty category (no product in it, on shelf or not). */
  removeCategory: action({
    ...API.removeCategory,
    permission: 'store.catalog.manage',
    async handler({ categoryId }, { staff }) {
      return { removed: await removeCategory(staff.storeId, categoryId) };
    },
  }),

  /**
   * The spreadsheet import (modules/catalog/import): the caller's own upload, read, every row checked, then applied
   * in one transaction or not at all; replies the finished job (its report). The page makes `jobId` and reads
   * progress with importStatus while this runs.
   */
  importFile: action({
    ...API.importFile,
    permission: 'store.catalog.manage',
    async handler({ jobId, fileId, fileName }, { staff }) {
      return { job: await importCatalogFile({ storeId: staff.storeId, userKey: staff.userKey, jobId, fileId, fileName }) };
    },
  }),

  /** An import of this store: its stage and percent while it runs, its report once finished. */
  importStatus: action({
    ...API.importStatus,
    permission: 'store.catalog.manage',
    async handler({ jobId }, { staff }) {
      return { job: await importJob(staff.storeId, jobId) };
    },
  }),

  /** The import template (header, example rows, a sheet explaining the columns), as a file to download. */
  importTemplate: action({
    ...API.importTemplate,
    permission: 'store.catalog.manage',
    handler: ({ format }) => catalogTemplate(format),
  }),

  /** The whole catalogue in the import's layout (an edited export imports back), as a file to download. */
  exportCatalog: action({
    ...API.exportCatalog,
    permission: 'store.read',
    handler: ({ format }, { staff }) => exportCatalog(staff.storeId, format),
  }),
});
