import iconv from 'iconv-lite';
import { CATALOG_SHEET_HEADERS, readCatalogSheet } from '@daojia/domain';
import { decodeCsv, readTable, UnreadableSheet, writeCsv, writeXlsx } from '../src/spreadsheets';

describe('spreadsheets: read and write xlsx and csv as cell texts', () => {
  test('xlsx round trip: numbers read as Excel shows them (15 digits), text stays text, blank rows keep row numbers', async () => {
    const file = await writeXlsx([
      {
        name: '商品',
        columns: [{ header: '商品编号' }, { header: '价格(元)' }],
        rows: [['001', 12.5], ['A', 0.1 + 0.2], [], ['B', 12.345]],
      },
    ]);
    expect(await readTable(file, 'xlsx')).toEqual([['商品编号', '价格(元)'], ['001', '12.5'], ['A', '0.3'], [], ['B', '12.345']]);
  });

  test('csv: quotes, commas and line breaks inside cells; written with a UTF-8 BOM and CRLF', async () => {
    const file = writeCsv(
      ['名称', '描述'],
      [
        ['a,b', '说"明"'],
        ['换\n行', 3],
      ],
    );
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toContain('\r\n');
    expect(await readTable(file, 'csv')).toEqual([
      ['名称', '描述'],
      ['a,b', '说"明"'],
      ['换\n行', '3'],
    ]);
  });

  test('csv from Excel on Chinese Windows (GBK) and UTF-8 with or without BOM all read the same', async () => {
    const text = `${CATALOG_SHEET_HEADERS.join(',')}\r\nA1,热菜,宫保鸡丁,大份,38,5,商品,,微辣,是,\r\n`;
    const files = [iconv.encode(text, 'gbk'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), Buffer.from(text)];
    for (const f of files) {
      expect(decodeCsv(f).startsWith('商品编号')).toBe(true);
      const { products, errors } = readCatalogSheet(await readTable(f, 'csv'));
      expect(errors).toEqual([]);
      expect(products).toEqual([expect.objectContaining({ code: 'A1', name: '宫保鸡丁', description: '微辣', skus: [{ row: 2, label: '大份', priceFen: 3800, stock: 5 }] })]);
    }
  });

  test('a file that is not an xlsx is refused as unreadable, with a Chinese reason', async () => {
    await expect(readTable(Buffer.from('not a zip'), 'xlsx')).rejects.toThrow(UnreadableSheet);
    await expect(readTable(Buffer.from('not a zip'), 'xlsx')).rejects.toThrow(/xlsx/);
  });

  test('an xlsx bad row is named by its spreadsheet row number', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ['', '热菜', `菜${i + 1}`, '', i === 36 ? 12.345 : 10 + i, 5]);
    const file = await writeXlsx([{ name: '商品', columns: CATALOG_SHEET_HEADERS.map((header) => ({ header })), rows }]);
    expect(readCatalogSheet(await readTable(file, 'xlsx')).errors).toEqual([{ row: 38, column: '价格(元)', message: expect.stringContaining('两位小数') }]);
  });
});
