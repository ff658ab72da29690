import type { Product, Sku } from './schemas/product';

/**
 * The catalogue spreadsheet (import, export, template), pure: its columns, how a cell's text becomes a field, and how
 * rows become products. One row per SKU: the rows of one product share its 商品编号 (or, without one, its 商品名称);
 * a product without SKUs is one row with 规格(SKU) left empty. Rows are numbered as the spreadsheet shows them (the
 * header is row 1), and every problem names its row, its column and what to do, in Chinese.
 *
 * What a blank cell means: 库存 blank keeps an existing product's (or SKU's) stock and gives a new one 0, so a
 * price-only edit of an old export never resets stock that sold since; 商品编号 blank matches by name; 类型 blank is
 * 商品; 上架 blank is 是; 库存预警 blank is the platform default; 描述 blank is no description.
 */

export type SheetColumnKey = 'code' | 'category' | 'name' | 'sku' | 'price' | 'stock' | 'kind' | 'durationMin' | 'description' | 'onShelf' | 'lowStockAt';

export interface SheetColumn {
  key: SheetColumnKey;
  header: string;
  required: boolean;
  /** Other spellings accepted in an uploaded file's header row. */
  aliases: string[];
  /** Shown in the template's note row. */
  hint: string;
  width: number;
}

export const CATALOG_SHEET_COLUMNS: readonly SheetColumn[] = [
  { key: 'code', header: '商品编号', required: false, aliases: ['编号', '商品编码', '货号'], hint: '选填，字母数字，同一商品的多行相同；留空按商品名称匹配', width: 14 },
  { key: 'category', header: '分类', required: true, aliases: ['商品分类', '菜单分类'], hint: '必填，最多 20 字，没有的分类会自动创建', width: 12 },
  { key: 'name', header: '商品名称', required: true, aliases: ['名称', '商品'], hint: '必填，最多 60 字', width: 20 },
  { key: 'sku', header: '规格(SKU)', required: false, aliases: ['规格', 'sku', '规格名称'], hint: '选填，如 大份/小份；一个规格一行', width: 12 },
  { key: 'price', header: '价格(元)', required: true, aliases: ['价格', '售价', '单价', '售价(元)', '单价(元)'], hint: '必填，最多两位小数，如 12.5', width: 10 },
  { key: 'stock', header: '库存', required: false, aliases: ['库存数量', '数量'], hint: '整数；留空：已有商品不改库存，新商品为 0', width: 8 },
  { key: 'kind', header: '类型', required: false, aliases: ['商品类型'], hint: '商品 或 服务，默认 商品', width: 8 },
  { key: 'durationMin', header: '服务时长(分钟)', required: false, aliases: ['服务时长', '时长', '时长(分钟)'], hint: '服务必填，5–1440', width: 14 },
  { key: 'description', header: '描述', required: false, aliases: ['商品描述', '简介', '说明'], hint: '选填，最多 500 字', width: 30 },
  { key: 'onShelf', header: '上架', required: false, aliases: ['是否上架', '状态'], hint: '是 或 否，默认 是', width: 8 },
  { key: 'lowStockAt', header: '库存预警', required: false, aliases: ['预警库存', '低库存预警'], hint: '选填，库存不高于此数时提醒', width: 10 },
];

/**
 * The catalogue's own limits (merchant-catalog.ts MAX_PRICE_FEN, MAX_STOCK; a test keeps them equal), repeated here
 * because the API contracts import this file: importing them back would be a module cycle.
 */
export const SHEET_MAX_PRICE_FEN = 9_999_999;
export const SHEET_MAX_STOCK = 99_999;
const MAX_PRICE_FEN = SHEET_MAX_PRICE_FEN;
const MAX_STOCK = SHEET_MAX_STOCK;

export const CATALOG_SHEET_HEADERS = CATALOG_SHEET_COLUMNS.map((c) => c.header);
const COLUMN = Object.fromEntries(CATALOG_SHEET_COLUMNS.map((c) => [c.key, c])) as Record<SheetColumnKey, SheetColumn>;
export const columnHeader = (key: SheetColumnKey) => COLUMN[key].header;

/** The most data rows one file may carry (each an SKU or a product), and the most SKUs one product may have. */
export const MAX_IMPORT_ROWS = 2000;
export const MAX_SKUS_PER_PRODUCT = 20;
/** A file with more problems than this reports the first ones and says how many more there were. */
export const MAX_REPORTED_ERRORS = 200;

/** One problem in a file: the spreadsheet's row number (1 is the header row; 0 the file as a whole), its column header and what is wrong. */
export interface SheetError {
  row: number;
  column: string;
  message: string;
}

export const PRODUCT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The rows of a template: two products, one with SKUs, one service; the header and these are what a merchant fills in. */
export const CATALOG_TEMPLATE_ROWS: readonly (readonly string[])[] = [
  ['A001', '招牌热菜', '宫保鸡丁', '大份', '38', '50', '商品', '', '花生米现炒，微辣', '是', '5'],
  ['A001', '招牌热菜', '宫保鸡丁', '小份', '26.5', '80', '商品', '', '花生米现炒，微辣', '是', '5'],
  ['B001', '饮品', '柠檬茶', '', '12', '100', '商品', '', '', '是', ''],
  ['S001', '上门服务', '深度保洁', '', '199', '10', '服务', '120', '两小时上门深度清洁', '否', ''],
];

const normHeader = (h: string) => h.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '').toLowerCase();

/**
 * The header row mapped to columns: which cell index holds each column. Unknown headers are ignored (a merchant's
 * own notes column); a missing required column or one named twice is a problem of row 1.
 */
export function mapHeader(header: readonly string[]): { index: Partial<Record<SheetColumnKey, number>>; errors: SheetError[] } {
  const index: Partial<Record<SheetColumnKey, number>> = {};
  const errors: SheetError[] = [];
  const byName = new Map<string, SheetColumn>();
  for (const c of CATALOG_SHEET_COLUMNS) for (const n of [c.header, ...c.aliases]) byName.set(normHeader(n), c);
  header.forEach((h, i) => {
    const c = byName.get(normHeader(h ?? ''));
    if (!c) return;
    if (index[c.key] !== undefined) errors.push({ row: 1, column: c.header, message: `「${c.header}」列出现了两次，请删掉其中一列` });
    else index[c.key] = i;
  });
  for (const c of CATALOG_SHEET_COLUMNS) {
    if (c.required && index[c.key] === undefined) errors.push({ row: 1, column: c.header, message: `缺少「${c.header}」列：第 1 行须是表头，请使用导入模板` });
  }
  return { index, errors };
}

/**
 * 元 as written in a cell → integer fen, exactly (decimal text, never float arithmetic): `12.5` → 1250, `¥1,280.00`
 * → 128000; more than two decimals, a negative amount or anything that is not a number is refused with the reason.
 */
export function parsePriceCell(text: string): { fen: number } | { error: string } {
  const t = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .replace(/,/g, '')
    .trim();
  if (t === '') return { error: '请填写价格' };
  if (/^-/.test(t)) return { error: '价格不能为负数' };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return { error: `「${text.trim()}」不是金额，请填写数字，如 12.5` };
  const frac = m[2] ?? '';
  if (frac.length > 2 && !/^0*$/.test(frac.slice(2))) return { error: `价格最多两位小数（分），「${text.trim()}」多了` };
  if (m[1].length > 9) return { error: '价格不能超过 99999.99 元' };
  const fen = Number(m[1]) * 100 + Number((frac + '00').slice(0, 2));
  if (fen < 1) return { error: '价格至少 0.01 元' };
  if (fen > MAX_PRICE_FEN) return { error: '价格不能超过 99999.99 元' };
  return { fen };
}

/** Integer fen → 元 as a cell shows it: 1250 → "12.5", 1200 → "12", 5 → "0.05". */
export function fenToYuanText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  if (rest === 0) return String(yuan);
  return `${yuan}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

function parseCount(text: string, what: string, max: number): { value: number } | { error: string } {
  const t = text.trim().replace(/,/g, '');
  if (!/^\d+(\.0*)?$/.test(t)) return { error: /^-/.test(t) ? `${what}不能为负数` : `${what}须为整数，「${text.trim()}」不是` };
  const value = Number(t.replace(/\.0*$/, ''));
  if (value > max) return { error: `${what}不能超过 ${max}` };
  return { value };
}

const YES = new Set(['是', '上架', 'y', 'yes', 'true', '1', '在售']);
const NO = new Set(['否', '下架', 'n', 'no', 'false', '0', '停售']);
const GOODS = new Set(['商品', '实物', 'goods']);
const SERVICE = new Set(['服务', 'service']);

/** A product as the file describes it (one or several rows), before it is matched with the store's catalogue. */
export interface SheetProduct {
  /** The rows it came from; the first is where product-level problems are reported. */
  rows: number[];
  code?: string;
  name: string;
  categoryName: string;
  kind: Product['kind'];
  durationMin: number | null;
  description: string;
  onShelf: boolean;
  lowStockAt: number | null;
  /** Without SKUs: its price, and its stock (undefined: keep what it has; a new product gets 0). */
  priceFen?: number;
  stock?: number;
  skus?: SheetSku[];
}
export interface SheetSku {
  row: number;
  label: string;
  priceFen: number;
  stock?: number;
}

type Cells = readonly (string | undefined)[];

/**
 * Every data row of a sheet (header first) checked and grouped into products. Returns the products only when no row
 * has a problem; otherwise every problem found, in row order (a file is applied whole or not at all, so a merchant
 * fixes all of them in one go). Blank rows are skipped.
 */
export function readCatalogSheet(table: readonly Cells[]): { products: SheetProduct[]; errors: SheetError[]; rowCount: number } {
  const errors: SheetError[] = [];
  const at = (row: number, key: SheetColumnKey, message: string) => errors.push({ row, column: COLUMN[key].header, message });
  const [header, ...body] = table;
  if (!header || header.every((h) => !h?.trim())) return { products: [], errors: [{ row: 1, column: '', message: '文件是空的：第 1 行须是表头，请使用导入模板' }], rowCount: 0 };
  const { index, errors: headerErrors } = mapHeader(header.map((h) => h ?? ''));
  if (headerErrors.length) return { products: [], errors: headerErrors, rowCount: 0 };

  const rows = body.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((c) => (c ?? '').trim() !== ''));
  if (rows.length === 0) return { products: [], errors: [{ row: 2, column: '', message: '表格里没有商品：请从第 2 行起每行填写一个商品或规格' }], rowCount: 0 };
  if (rows.length > MAX_IMPORT_ROWS) {
    return { products: [], errors: [{ row: rows[MAX_IMPORT_ROWS].row, column: '', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行，请分成几个文件` }], rowCount: rows.length };
  }

  interface Parsed {
    row: number;
    code?: string;
    name: string;
    categoryName: string;
    label: string;
    priceFen?: number;
    stock?: number;
    kind: Product['kind'];
    durationMin: number | null;
    description: string;
    onShelf: boolean;
    lowStockAt: number | null;
  }
  const parsed: Parsed[] = [];
  for (const { row, cells } of rows) {
    const cell = (key: SheetColumnKey) => {
      const i = index[key];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const before = errors.length;
    const code = cell('code');
    if (code && !PRODUCT_CODE_PATTERN.test(code)) at(row, 'code', '商品编号只能包含字母、数字、- 和 _，最多 32 位');
    const name = cell('name');
    if (!name) at(row, 'name', '请填写商品名称');
    else if ([...name].length > 60) at(row, 'name', '商品名称最多 60 个字');
    const categoryName = cell('category');
    if (!categoryName) at(row, 'category', '请填写分类');
    else if ([...categoryName].length > 20) at(row, 'category', '分类名称最多 20 个字');
    const label = cell('sku');
    if ([...label].length > 20) at(row, 'sku', '规格名称最多 20 个字');
    const price = parsePriceCell(cell('price'));
    if ('error' in price) at(row, 'price', price.error);
    let stock: number | undefined;
    if (cell('stock')) {
      const s = parseCount(cell('stock'), '库存', MAX_STOCK);
      if ('error' in s) at(row, 'stock', s.error);
      else stock = s.value;
    }
    const kindText = cell('kind').toLowerCase();
    const kind: Product['kind'] = SERVICE.has(kindText) ? 'service' : 'goods';
    if (kindText && !GOODS.has(kindText) && !SERVICE.has(kindText)) at(row, 'kind', '类型请填写「商品」或「服务」');
    let durationMin: number | null = null;
    if (cell('durationMin')) {
      const d = parseCount(cell('durationMin'), '服务时长', 24 * 60);
      if ('error' in d) at(row, 'durationMin', d.error);
      else if (d.value < 5) at(row, 'durationMin', '服务时长至少 5 分钟');
      else durationMin = d.value;
    }
    if (kind === 'service' && durationMin === null && !cell('durationMin')) at(row, 'durationMin', '服务须填写时长（分钟）');
    const description = cell('description');
    if ([...description].length > 500) at(row, 'description', '商品描述最多 500 个字');
    const shelfText = cell('onShelf').toLowerCase();
    if (shelfText && !YES.has(shelfText) && !NO.has(shelfText)) at(row, 'onShelf', '上架请填写「是」或「否」');
    let lowStockAt: number | null = null;
    if (cell('lowStockAt')) {
      const l = parseCount(cell('lowStockAt'), '库存预警', MAX_STOCK);
      if ('error' in l) at(row, 'lowStockAt', l.error);
      else lowStockAt = l.value;
    }
    if (errors.length > before) continue;
    parsed.push({
      row,
      code: code || undefined,
      name,
      categoryName,
      label,
      priceFen: 'fen' in price ? price.fen : undefined,
      stock,
      kind,
      durationMin: kind === 'service' ? durationMin : null,
      description,
      onShelf: !NO.has(shelfText),
      lowStockAt,
    });
  }

  // Rows of one product: the same code, or without a code the same name.
  const groups = new Map<string, Parsed[]>();
  for (const p of parsed) {
    const key = p.code ? `code:${p.code.toLowerCase()}` : `name:${p.name}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const products: SheetProduct[] = [];
  const seenNames = new Map<string, number>();
  for (const group of groups.values()) {
    const [first] = group;
    const before = errors.length;
    // Product-level cells must agree on every row of the product (a blank cell on a later row is a typo, not "no description").
    for (const r of group.slice(1)) {
      const differs: [SheetColumnKey, boolean][] = [
        ['name', r.name !== first.name],
        ['category', r.categoryName !== first.categoryName],
        ['kind', r.kind !== first.kind],
        ['durationMin', r.durationMin !== first.durationMin],
        ['description', r.description !== first.description],
        ['onShelf', r.onShelf !== first.onShelf],
        ['lowStockAt', r.lowStockAt !== first.lowStockAt],
      ];
      for (const [key, d] of differs) if (d) at(r.row, key, `同一商品的各行须一致：与第 ${first.row} 行的「${COLUMN[key].header}」不同`);
    }
    const otherRow = seenNames.get(first.name);
    if (otherRow !== undefined) at(first.row, 'name', `与第 ${otherRow} 行的商品同名但编号不同：同名商品请用同一编号，或改名`);
    else seenNames.set(first.name, first.row);
    if (group.length > 1 || first.label) {
      const labels = new Map<string, number>();
      for (const r of group) {
        if (!r.label) at(r.row, 'sku', `该商品有多行（第 ${group.map((g) => g.row).join('、')} 行），每行须填写规格`);
        else if (labels.has(r.label)) at(r.row, 'sku', `规格「${r.label}」与第 ${labels.get(r.label)} 行重复`);
        else labels.set(r.label, r.row);
      }
      if (group.length > MAX_SKUS_PER_PRODUCT) at(group[MAX_SKUS_PER_PRODUCT].row, 'sku', `一个商品最多 ${MAX_SKUS_PER_PRODUCT} 个规格`);
    }
    if (errors.length > before) continue;
    const base = {
      rows: group.map((r) => r.row),
      code: first.code,
      name: first.name,
      categoryName: first.categoryName,
      kind: first.kind,
      durationMin: first.durationMin,
      description: first.description,
      onShelf: first.onShelf,
      lowStockAt: first.lowStockAt,
    };
    if (first.label) products.push({ ...base, skus: group.map((r) => ({ row: r.row, label: r.label, priceFen: r.priceFen!, stock: r.stock })) });
    else products.push({ ...base, priceFen: first.priceFen!, stock: first.stock });
  }
  errors.sort((a, b) => a.row - b.row);
  return { products: errors.length ? [] : products, errors, rowCount: rows.length };
}

/** A product's rows as the export (and so a re-import) writes them: one per SKU, or one for a product without SKUs. */
export function catalogSheetRows(
  p: Pick<Product, 'name' | 'categoryName' | 'priceFen' | 'stock' | 'kind' | 'durationMin' | 'description' | 'onShelf' | 'lowStockAt'> & { code?: string; skus?: Sku[] },
): string[][] {
  const tail = [p.kind === 'service' ? '服务' : '商品', p.durationMin ? String(p.durationMin) : '', p.description, p.onShelf ? '是' : '否', p.lowStockAt === undefined ? '' : String(p.lowStockAt)];
  const variants = p.skus?.length ? p.skus.map((s) => [s.label, fenToYuanText(s.priceFen), String(s.stock)]) : [['', fenToYuanText(p.priceFen), String(p.stock)]];
  return variants.map((v) => [p.code ?? '', p.categoryName, p.name, ...v, ...tail]);
}
