/** Catalogue: products (`products`), their menus and their stock, taken and given back under an order's hold id. */
export { COLLECTIONS, productsByIds, shelfOf } from './repository';
export { quantities, takeStock, giveBackStock, consumeStockHolds, giveBackStockWithoutHold } from './stock';
export { CATALOG_ERROR_CODES } from '@daojia/domain';
