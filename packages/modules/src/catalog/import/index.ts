/**
 * The catalogue's spreadsheet import, template and export (`@daojia/modules/catalog/import`): a sub-path of its own,
 * so only the function that imports pulls in the spreadsheet libraries (order and store functions load catalog alone).
 */
export { COLLECTIONS } from './repository';
export { importCatalogFile, importJob, catalogTemplate, exportCatalog, matchProducts, nextProduct, type ImportRequest } from './service';
export { CATALOG_IMPORT_ERROR_CODES } from '@daojia/domain';
