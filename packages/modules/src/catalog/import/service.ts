import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  CATALOG_SHEET_COLUMNS,
  CATALOG_TEMPLATE_ROWS,
  DomainError,
  FILE_LIMITS,
  MAX_IMPORT_ROWS,
  MAX_REPORTED_ERRORS,
  catalogSheetRows,
  columnHeader,
  fileTypeOf,
  formatBytes,
  isOwnUpload,
  parseFileId,
  product as productSchema,
  readCatalogSheet,
  withSkuTotals,
  type CatalogImportJob,
  type Product,
  type SheetError,
  type SheetFormatName,
  type SheetProduct,
  type Sku,
} from '@daojia/domain';
import { _, log, nowIso } from '../../runtime';
import { readTable, UnreadableSheet, writeTable, type Cell, type SheetSpec } from '../../spreadsheets';
import { ensureCategories, inCategoryOrder, orderedCategoryNames } from '../categories';
import { categoriesOf } from '../repository';
import * as repo from './repository';

/**
 * Catalogue import from a spreadsheet, its template and the catalogue's export.
 *
 * A file is applied whole or not at all. Every row is checked first (domain readCatalogSheet: cells, and rows of one
 * product agreeing), then against the store's catalogue (which product a row updates, SKUs an order holds); any
 * problem anywhere rejects the file and the report names every problem by row and column, so the merchant fixes the
 * file and uploads it again, knowing nothing changed in between. A file without problems is written in one database
 * transaction: the store's menu changes from before to after at once, never half.
 *
 * Stock in a row is the figure the merchant wants now, applied like the catalogue's own stock set (manage.ts): as a
 * difference against the stock read when the import planned, so an order taking stock while the import runs is not
 * overwritten. The transaction's snapshot starts before that read; a take after it makes the transaction's write
 * conflict, and node-sdk runs the attempt again from a fresh read, still moving stock by the difference against the
 * first read. A blank stock cell keeps the stock as it is.
 *
 * Progress is the `catalog_imports` document: stage and percent written as the import goes (outside the transaction,
 * so the page sees them at once), the report at the end.
 */

const newProductId = (storeId: string) => `${storeId}-p${randomBytes(5).toString('hex')}`;
const newSkuId = () => `k${randomBytes(4).toString('hex')}`;

export interface ImportRequest {
  storeId: string;
  userKey: string;
  jobId: string;
  fileId: string;
  fileName: string;
}

/** A row-level problem found against the store's catalogue. */
const problem = (row: number, key: Parameters<typeof columnHeader>[0] | '', message: string): SheetError => ({ row, column: key ? columnHeader(key) : '', message });

interface Match {
  sheet: SheetProduct;
  /** The product as first read (undefined: a new product). */
  first?: repo.Current;
}

/** Which existing product each of the file's products is (by code, else by name), and what may not change. */
export function matchProducts(sheet: SheetProduct[], current: repo.Current[]): { matches: Match[]; errors: SheetError[] } {
  const errors: SheetError[] = [];
  const byCode = new Map<string, repo.Current>();
  const byName = new Map<string, repo.Current[]>();
  for (const c of current) {
    if (c.product.code) byCode.set(c.product.code.toLowerCase(), c);
    byName.set(c.product.name, [...(byName.get(c.product.name) ?? []), c]);
  }
  const taken = new Map<string, number>();
  const matches: Match[] = [];
  for (const s of sheet) {
    const row = s.rows[0];
    let first: repo.Current | undefined;
    if (s.code) {
      // A code not in the store yet may name an existing product without a code by its name (codes given for the first time).
      first = byCode.get(s.code.toLowerCase()) ?? (byName.get(s.name) ?? []).filter((c) => !c.product.code).at(0);
    } else {
      const named = byName.get(s.name) ?? [];
      if (named.length > 1) {
        errors.push(problem(row, 'code', `店里有 ${named.length} 个名为「${s.name}」的商品，请填写商品编号区分`));
        continue;
      }
      first = named[0];
    }
    if (first) {
      const other = taken.get(first.product._id);
      if (other !== undefined) {
        errors.push(problem(row, s.code ? 'code' : 'name', `与第 ${other} 行对应同一个已有商品「${first.product.name}」`));
        continue;
      }
      taken.set(first.product._id, row);
      if (first.held && reshapesSkus(s, first.product)) {
        errors.push(problem(row, 'sku', `「${first.product.name}」有未处理完的订单占用库存，暂不能增删规格：请保持规格不变，或处理完订单后再导入`));
        continue;
      }
    }
    matches.push({ sheet: s, first });
  }
  return { matches, errors };
}

/** Whether the file changes which SKUs a product has (or gives it SKUs, or takes them away). */
function reshapesSkus(s: SheetProduct, p: Product): boolean {
  const now = (p.skus ?? []).map((k) => k.label).sort();
  const next = (s.skus ?? []).map((k) => k.label).sort();
  return !isDeepStrictEqual(now, next);
}

/** Moves `now` by what the file changed against the first read (the catalogue's stock-set rule), never below 0. */
const moved = (now: number, wanted: number | undefined, first: number | undefined) => (wanted === undefined ? now : first === undefined ? wanted : Math.max(0, now + (wanted - first)));

/** The product after the import, from its state now (this attempt's read) and the first read. */
export function nextProduct(storeId: string, s: SheetProduct, now?: Product, first?: Product): Product {
  let skus: Sku[] | undefined;
  if (s.skus) {
    skus = s.skus.map((k) => {
      const is = now?.skus?.find((x) => x.label === k.label);
      const was = first?.skus?.find((x) => x.id === is?.id);
      return { id: is?.id ?? newSkuId(), label: k.label, priceFen: k.priceFen, stock: is ? moved(is.stock, k.stock, was?.stock) : (k.stock ?? 0) };
    });
  }
  // Without SKUs: moved like a SKU's stock; a product losing its SKUs keeps their total unless the row says otherwise.
  const singleStock = !now ? (s.stock ?? 0) : now.skus?.length ? (s.stock ?? now.stock) : moved(now.stock, s.stock, first && !first.skus?.length ? first.stock : undefined);
  const merged = withSkuTotals({
    ...(now ?? { _id: newProductId(storeId), storeId, image: '', sales: 0 }),
    name: s.name,
    code: s.code ?? now?.code,
    categoryName: s.categoryName,
    kind: s.kind,
    durationMin: s.kind === 'service' ? (s.durationMin ?? undefined) : undefined,
    description: s.description,
    onShelf: s.onShelf,
    lowStockAt: s.lowStockAt ?? undefined,
    skus,
    priceFen: skus ? 0 : s.priceFen!,
    stock: skus ? 0 : singleStock,
  });
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as Product;
}

/** The update that turns `now` into `next`: changed fields set, vanished optional fields removed. */
function updateOf(now: Product, next: Product): Record<string, unknown> | undefined {
  if (isDeepStrictEqual(now, next)) return undefined;
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (k !== '_id' && !isDeepStrictEqual((now as Record<string, unknown>)[k], v)) set[k] = k === 'skus' ? _.set(v) : v;
  for (const k of Object.keys(now)) if (!(k in next)) set[k] = _.remove();
  return set;
}

/** The file's products checked as whole documents by the domain's product schema (what the repository would refuse). */
function checkDocuments(storeId: string, matches: Match[]): SheetError[] {
  const errors: SheetError[] = [];
  for (const m of matches) {
    const parsed = productSchema.safeParse(nextProduct(storeId, m.sheet, m.first?.product, m.first?.product));
    if (!parsed.success) errors.push(problem(m.sheet.rows[0], '', `商品「${m.sheet.name}」不符合要求：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`));
  }
  return errors;
}

const report = (errors: SheetError[]) => ({ errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length });

/** Runs one import to its end (the call returns the finished job; the page reads progress meanwhile). */
export async function importCatalogFile(req: ImportRequest): Promise<CatalogImportJob> {
  const { storeId, userKey, jobId, fileId } = req;
  const type = fileTypeOf(parseFileId(fileId)?.path ?? '');
  if (!isOwnUpload(fileId, userKey) || type?.kind !== 'spreadsheet') throw new DomainError('IMPORT_FILE_INVALID', '请上传自己刚选择的 xlsx 或 csv 表格文件');
  const format = type.ext as SheetFormatName;
  const startedAt = nowIso();
  let job: CatalogImportJob = {
    _id: jobId,
    _openid: userKey,
    storeId,
    fileId,
    fileName: req.fileName,
    status: 'running',
    stage: 'download',
    percent: 5,
    rowCount: 0,
    productCount: 0,
    errors: [],
    errorCount: 0,
    created: 0,
    updated: 0,
    createdAt: startedAt,
    updatedAt: startedAt,
  };
  if (!(await repo.insertJob(job))) throw new DomainError('IMPORT_EXISTS', '这次导入已经提交过，请重新选择文件');
  const step = async (set: Partial<CatalogImportJob>) => {
    job = { ...job, ...set, updatedAt: nowIso() };
    const rest: Partial<CatalogImportJob> = { ...job };
    delete rest._id;
    delete rest._openid;
    delete rest.storeId;
    await repo.updateJob(jobId, rest);
    return job;
  };
  const reject = (errors: SheetError[], extra: Partial<CatalogImportJob> = {}) => step({ ...extra, ...report(errors), status: 'rejected', stage: 'finished', percent: 100, finishedAt: nowIso() });

  try {
    let content: Buffer;
    try {
      content = await repo.downloadFile(fileId);
    } catch (e) {
      log.warn('catalog import: file not downloadable', { fileId, error: (e as Error).message });
      return await reject([problem(0, '', '读取文件失败：文件不存在或已过期，请重新选择文件上传')]);
    }
    const maxBytes = FILE_LIMITS.spreadsheet.maxBytes;
    if (content.length > maxBytes) return await reject([problem(0, '', `文件太大（${formatBytes(content.length)}），表格不能超过 ${formatBytes(maxBytes)}`)]);

    await step({ stage: 'parse', percent: 15 });
    let table: string[][];
    try {
      // A header, the rows allowed and a margin of blank rows: a sheet far past that is refused before it becomes text.
      table = await readTable(content, format, { maxRows: MAX_IMPORT_ROWS * 5 });
    } catch (e) {
      if (!(e instanceof UnreadableSheet)) throw e;
      return await reject([problem(0, '', `${e.message}，请使用导入模板`)]);
    }

    await step({ stage: 'validate', percent: 30 });
    const sheet = readCatalogSheet(table);
    if (sheet.errors.length) return await reject(sheet.errors, { rowCount: sheet.rowCount });
    const counts = { rowCount: sheet.rowCount, productCount: sheet.products.length };
    const firstRead = await repo.storeProducts(storeId);
    const planned = matchProducts(sheet.products, firstRead);
    const docErrors = planned.errors.length ? [] : checkDocuments(storeId, planned.matches);
    const problems = [...planned.errors, ...docErrors].sort((a, b) => a.row - b.row);
    if (problems.length) return await reject(problems, counts);

    await step({ ...counts, stage: 'apply', percent: 45 });
    const outcome = await applyInTransaction(storeId, jobId, planned.matches, step);
    if ('errors' in outcome) return await reject(outcome.errors, counts);
    // Category records for names new to the store, after the products are in (a name without a record still shows,
    // last; the catalogue list gives it one then), so a rejected or failed file leaves no empty categories behind.
    await ensureCategories(storeId, [...new Set(planned.matches.map((m) => m.sheet.categoryName))]);
    return await step({ ...outcome, status: 'done', stage: 'finished', percent: 100, finishedAt: nowIso() });
  } catch (e) {
    const conflict = (e as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT';
    log[conflict ? 'warn' : 'error']('catalog import failed, nothing applied', e as Error);
    await step({
      status: 'failed',
      stage: 'finished',
      percent: 100,
      finishedAt: nowIso(),
      message: conflict ? '有订单正在频繁下单，商品一直在变化，导入未能写入（商品未作任何改动），请稍后重试' : '导入失败，商品未作任何改动，请稍后重试',
    });
    if (conflict) return job;
    throw e;
  }
}

/**
 * One transaction for the whole file. The snapshot starts with the first read inside it, before the catalogue is
 * read again for this attempt: a product changed after that read conflicts when written, and the attempt is run
 * again. A held product reshaped in the meantime rejects the file (its row named), still with nothing written.
 */
async function applyInTransaction(
  storeId: string,
  jobId: string,
  matches: Match[],
  step: (set: Partial<CatalogImportJob>) => Promise<unknown>,
): Promise<{ created: number; updated: number } | { errors: SheetError[] }> {
  const firstById = new Map(matches.flatMap((m) => (m.first ? [[m.first.product._id, m.first.product] as const] : [])));
  return repo
    .inTransaction(async (w) => {
      await w.begin(jobId);
      const now = new Map((await repo.storeProducts(storeId)).map((c) => [c.product._id, c]));
      // Everything is computed and checked before the first write; a row turned bad meanwhile rejects the file.
      const errors: SheetError[] = [];
      const updates: { id: string; set: Record<string, unknown> }[] = [];
      const fresh: Product[] = [];
      for (const m of matches) {
        if (!m.first) {
          fresh.push(productSchema.parse(nextProduct(storeId, m.sheet)));
          continue;
        }
        const current = now.get(m.first.product._id);
        if (!current) {
          errors.push(problem(m.sheet.rows[0], 'name', `商品「${m.first.product.name}」刚刚被删除，请重新导出后再导入`));
        } else if (current.held && reshapesSkus(m.sheet, current.product)) {
          errors.push(problem(m.sheet.rows[0], 'sku', `「${current.product.name}」有未处理完的订单占用库存，暂不能增删规格：请保持规格不变，或处理完订单后再导入`));
        } else {
          const set = updateOf(current.product, productSchema.parse(nextProduct(storeId, m.sheet, current.product, firstById.get(current.product._id))));
          if (set) updates.push({ id: current.product._id, set });
        }
      }
      // Throwing out of the callback aborts the transaction: nothing is committed.
      if (errors.length) throw new RejectedDuringApply(errors);
      if (fresh.length) await w.insert(fresh);
      let reported = 45;
      for (const [i, u] of updates.entries()) {
        await w.update(u.id, u.set);
        const percent = 45 + Math.floor(((fresh.length + i + 1) / (fresh.length + updates.length)) * 50);
        if (percent - reported >= 10 && i < updates.length - 1) {
          reported = percent;
          await step({ percent });
        }
      }
      return { created: fresh.length, updated: updates.length };
    })
    .catch((e) => {
      if (e instanceof RejectedDuringApply) return { errors: e.errors };
      throw e;
    });
}

class RejectedDuringApply extends Error {
  constructor(public readonly errors: SheetError[]) {
    super('rows turned bad while applying');
  }
}

export async function importJob(storeId: string, jobId: string): Promise<CatalogImportJob> {
  const job = await repo.storeJob(storeId, jobId);
  if (!job) throw new DomainError('IMPORT_NOT_FOUND', '导入记录不存在');
  return job;
}

// ---- Template and export ----

const NUMERIC = new Set(['price', 'stock', 'durationMin', 'lowStockAt']);
const columns = CATALOG_SHEET_COLUMNS.map((c) => ({ header: c.header, width: c.width }));

/** Number columns as numbers in xlsx (Excel then shows no "number stored as text" marks); the rest as text. */
const typed = (rows: readonly (readonly string[])[], format: SheetFormatName): Cell[][] =>
  rows.map((r) => r.map((v, i) => (format === 'xlsx' && NUMERIC.has(CATALOG_SHEET_COLUMNS[i].key) && v !== '' ? Number(v) : v)));

const stamp = (d = new Date()) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** The import template: the header, example rows and (xlsx) a sheet explaining each column. */
export async function catalogTemplate(format: SheetFormatName): Promise<{ fileId: string; url: string; fileName: string; productCount: number }> {
  const sheets: SheetSpec[] = [
    { name: '商品', columns, rows: typed(CATALOG_TEMPLATE_ROWS, format) },
    {
      name: '填写说明',
      columns: [
        { header: '列', width: 16 },
        { header: '是否必填', width: 10 },
        { header: '说明', width: 60 },
      ],
      rows: [
        ...CATALOG_SHEET_COLUMNS.map((c) => [c.header, c.required ? '必填' : '选填', c.hint]),
        ['', '', ''],
        ['规则', '', `一行一个规格：同一商品的多个规格写多行，商品编号（或商品名称）相同；没有规格的商品写一行、规格留空。一次最多 ${MAX_IMPORT_ROWS} 行。`],
        ['规则', '', '整个文件校验通过才会导入；任何一行有错，所有商品都不改动，按报告改好后重新上传即可。'],
        ['规则', '', '已有商品按商品编号匹配，没有编号按商品名称匹配；匹配到的更新，没有的新建；文件里没有的商品保持不变。'],
      ],
    },
  ];
  const content = await writeTable(format, sheets);
  const { fileId, url } = await repo.uploadWithUrl(`templates/catalog-import-template.${format}`, content);
  return { fileId, url, fileName: `商品导入模板.${format}`, productCount: CATALOG_TEMPLATE_ROWS.length };
}

/** The whole catalogue (on shelf or not) in the import's layout, so an edited export imports back. */
export async function exportCatalog(storeId: string, format: SheetFormatName): Promise<{ fileId: string; url: string; fileName: string; productCount: number }> {
  const [current, categories] = await Promise.all([repo.storeProducts(storeId), categoriesOf(storeId)]);
  const products = current.map((c) => c.product);
  const ordered = inCategoryOrder(orderedCategoryNames(categories, products), products);
  const rows = ordered.flatMap((p) => catalogSheetRows(p));
  const content = await writeTable(format, [{ name: '商品', columns, rows: typed(rows, format) }]);
  const at = stamp();
  const { fileId, url } = await repo.uploadWithUrl(`exports/${storeId}/catalog-${at}-${randomBytes(3).toString('hex')}.${format}`, content);
  return { fileId, url, fileName: `商品目录-${at.slice(0, 8)}.${format}`, productCount: products.length };
}
