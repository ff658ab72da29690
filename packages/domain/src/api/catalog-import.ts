import { z } from 'zod';
import { id, isoTime } from '../schemas/common';
import { fileIdSchema } from '../files';
import { MAX_REPORTED_ERRORS } from '../catalog-sheet';

/**
 * The catalogue spreadsheet's import, template and export (merchantCatalog.importFile / importStatus / template /
 * exportCatalog). An import is a `catalog_imports` document: the function writes its stage and percent as it goes,
 * the page reads it with importStatus while its importFile call runs, and the finished document is the report. A file
 * with any bad row changes nothing (status `rejected`, every problem listed by row and column); a good file is applied
 * in one transaction (status `done`).
 */
export const SHEET_FORMATS = ['xlsx', 'csv'] as const;
export const sheetFormat = z.enum(SHEET_FORMATS, { error: '请选择 xlsx 或 csv' });
export type SheetFormatName = z.infer<typeof sheetFormat>;

export const IMPORT_STAGES = ['download', 'parse', 'validate', 'apply', 'finished'] as const;
export const IMPORT_STAGE_LABELS: Record<(typeof IMPORT_STAGES)[number], string> = {
  download: '读取文件',
  parse: '解析表格',
  validate: '逐行校验',
  apply: '写入商品',
  finished: '完成',
};

/** running → done (applied), rejected (problems in the file: nothing applied) or failed (could not apply: nothing applied). */
export const IMPORT_STATUSES = ['running', 'done', 'rejected', 'failed'] as const;
export const IMPORT_STATUS_LABELS: Record<(typeof IMPORT_STATUSES)[number], string> = {
  running: '导入中',
  done: '导入成功',
  rejected: '未导入：文件有错误',
  failed: '未导入：写入失败',
};

export const sheetError = z.object({ row: z.number().int().min(0), column: z.string(), message: z.string() });

export const catalogImportJob = z.object({
  _id: id,
  /** Who started it: the rules let that person read it (database-rules/catalog_imports.json). */
  _openid: z.string(),
  storeId: id,
  fileId: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  stage: z.enum(IMPORT_STAGES),
  percent: z.number().int().min(0).max(100),
  /** Data rows in the file (blank rows not counted) and the products they describe. */
  rowCount: z.number().int().min(0),
  productCount: z.number().int().min(0),
  /** The first problems, in row order; `errorCount` is how many there were in all. */
  errors: z.array(sheetError).max(MAX_REPORTED_ERRORS),
  errorCount: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  /** Why a failed import failed (in Chinese). */
  message: z.string().optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
  finishedAt: isoTime.optional(),
});
export type CatalogImportJob = z.infer<typeof catalogImportJob>;

/** The page makes the job id (so it can ask for progress while the import runs). */
export const importJobId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, '导入编号不合法');
export const importFileInput = z
  .object({
    jobId: importJobId,
    fileId: fileIdSchema,
    fileName: z.string().trim().min(1).max(100),
  })
  .strict();
export const importJobOutput = z.object({ job: catalogImportJob });
export const importStatusInput = z.object({ jobId: importJobId }).strict();

export const sheetFileInput = z.object({ format: sheetFormat }).strict();
/** A file made for the caller, in cloud storage: its id and a temporary download URL. */
export const sheetFileOutput = z.object({ fileId: z.string(), url: z.string(), fileName: z.string(), productCount: z.number().int().min(0) });
