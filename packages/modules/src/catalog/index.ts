/** Catalogue: products (`products`), their menus and their stock, taken and given back under an order's hold id. */
export { COLLECTIONS, productsByIds, shelfOf } from './repository';
export { quantities, takeStock, giveBackStock, consumeStockHolds, giveBackStockWithoutHold, type Drawn } from './stock';
export { holdKey } from './repository';
export { storeCatalog, saveProduct, setStock, setShelf, bulkPrice, removeProduct, type ManagedProduct } from './manage';
export { menuOf, ensureCategories, saveCategory, reorderCategories, removeCategory, orderedCategoryNames, inCategoryOrder } from './categories';
export { CATALOG_ERROR_CODES } from '@daojia/domain';
