/**
 * Spreadsheets (xlsx and csv) read into a table of cell texts and written from one: no collections, no business
 * rules, so any capability (the catalogue import and export, finance exports) uses the same reader and writer.
 *
 * Reading gives every cell as the text a person sees in Excel, so the rules reading the table work on text only:
 * numbers keep 15 significant digits (what Excel shows: a computed 0.1 + 0.2 reads "0.3", not 0.30000000000000004),
 * dates read as YYYY-MM-DD (UTC, as Excel stores them), formulas as their cached result. A csv is decoded from UTF-8
 * (with or without the BOM Excel writes) or, when it is not valid UTF-8, from GB18030 (a superset of GBK, what
 * Excel on Chinese Windows saves "CSV" in). Writing a csv puts a UTF-8 BOM first, so Excel opens Chinese text right.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import iconv from 'iconv-lite';

export type SheetFormat = 'xlsx' | 'csv';
export type Table = string[][];
export type Cell = string | number;

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A file that is not the spreadsheet it says it is (a renamed picture, a broken zip, an xls from old Excel). */
export class UnreadableSheet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableSheet';
  }
}

/** The format a file name says (by its extension); undefined for anything else. */
export function sheetFormatOf(fileName: string): SheetFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : undefined;
}

const numberText = (n: number) => (Number.isFinite(n) ? String(Number(n.toPrecision(15))) : '');

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in v) return '';
  return String(v);
}

/**
 * The first worksheet of an xlsx, or a csv, as rows of cell texts (row i of the table is the sheet's row i + 1; a
 * blank row stays, as an empty array, so row numbers match what the person sees). `maxRows` stops a huge sheet
 * before it is turned into text.
 */
export async function readTable(content: Buffer, format: SheetFormat, { maxRows = 100_000 }: { maxRows?: number } = {}): Promise<Table> {
  if (format === 'csv') return readCsv(content, maxRows);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnreadableSheet('文件不是有效的 xlsx 表格（旧版 .xls 请在 Excel 中另存为 .xlsx）');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  if (ws.rowCount > maxRows) throw new UnreadableSheet(`表格行数过多（${ws.rowCount} 行）`);
  const table: Table = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    table[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030. */
export function decodeCsv(content: Buffer): string {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return content.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return iconv.decode(content, 'gb18030');
  }
}

function readCsv(content: Buffer, maxRows: number): Table {
  const text = decodeCsv(content);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, preview: maxRows + 1 });
  if (parsed.data.length > maxRows) throw new UnreadableSheet(`表格行数过多（超过 ${maxRows} 行）`);
  const rows = parsed.data.map((r) => r.map((c) => (c ?? '').trim()));
  // The line break after the last row parses as one empty row: not a row of the sheet.
  while (rows.length && rows[rows.length - 1].every((c) => c === '')) rows.pop();
  return rows;
}

export interface SheetSpec {
  name: string;
  columns: { header: string; width?: number }[];
  rows: Cell[][];
}

/** An xlsx with one worksheet per spec (the first is the one a re-import reads): bold frozen header, column widths. */
export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daojia';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 12 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A csv (CRLF lines, quotes where needed) with a UTF-8 BOM. */
export function writeCsv(header: string[], rows: Cell[][]): Buffer {
  const text = Papa.unparse({ fields: header, data: rows.map((r) => r.map((c) => (typeof c === 'number' ? numberText(c) : c))) }, { newline: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, 'utf8')]);
}

/** The first sheet of `sheets` in either format. */
export async function writeTable(format: SheetFormat, sheets: SheetSpec[]): Promise<Buffer> {
  if (format === 'xlsx') return writeXlsx(sheets);
  const [first] = sheets;
  return writeCsv(
    first.columns.map((c) => c.header),
    first.rows,
  );
}
