/** The catalogue spreadsheet import (merchantCatalog.importFile, importStatus). Problems inside a file are not codes: they are the import's per-row report. */
export const CATALOG_IMPORT_ERROR_CODES = {
  IMPORT_FILE_INVALID: '请上传自己刚选择的 xlsx 或 csv 表格文件',
  IMPORT_EXISTS: '这次导入已经提交过，请重新选择文件',
  IMPORT_NOT_FOUND: '导入记录不存在',
} as const satisfies Record<string, string>;
