import {
  CATALOG_SHEET_HEADERS,
  CATALOG_TEMPLATE_ROWS,
  MAX_IMPORT_ROWS,
  MAX_PRICE_FEN,
  MAX_STOCK,
  SHEET_MAX_PRICE_FEN,
  SHEET_MAX_STOCK,
  catalogSheetRows,
  fenToYuanText,
  parsePriceCell,
  readCatalogSheet,
} from '../src';

const H = CATALOG_SHEET_HEADERS;
/** A row by column header (the rest blank), in the template's column order. */
const row = (cells: Partial<Record<(typeof H)[number], string>>) => H.map((h) => cells[h as (typeof H)[number]] ?? '');

describe('parsePriceCell: a 元 cell to integer fen, exactly', () => {
  test.each([
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.01', 1],
    ['38', 3800],
    ['¥1,280.00', 128000],
    ['19.9元', 1990],
    ['0.1', 10],
    ['1.10', 110],
    ['99999.99', 9999999],
    ['12.500', 1250],
  ])('%s → %i fen', (text, fen) => expect(parsePriceCell(text)).toEqual({ fen }));

  test.each([
    ['12.345', '两位小数'],
    ['-1', '负数'],
    ['abc', '不是金额'],
    ['', '请填写价格'],
    ['0', '至少 0.01'],
    ['100000', '不能超过'],
    ['1e3', '不是金额'],
  ])('%s is refused (%s)', (text, why) => expect((parsePriceCell(text) as { error: string }).error).toContain(why));

  test('fen back to 元 text reads back to the same fen for every amount up to ¥100', () => {
    for (let f = 1; f <= 10000; f++) expect(parsePriceCell(fenToYuanText(f))).toEqual({ fen: f });
    expect([fenToYuanText(1250), fenToYuanText(1200), fenToYuanText(5), fenToYuanText(1205)]).toEqual(['12.5', '12', '0.05', '12.05']);
  });
});

test("the sheet's limits are the catalogue's", () => expect([SHEET_MAX_PRICE_FEN, SHEET_MAX_STOCK]).toEqual([MAX_PRICE_FEN, MAX_STOCK]));

describe('readCatalogSheet', () => {
  test('the template reads as three products, one with two SKUs and one service', () => {
    const { products, errors, rowCount } = readCatalogSheet([H, ...CATALOG_TEMPLATE_ROWS]);
    expect(errors).toEqual([]);
    expect(rowCount).toBe(4);
    expect(products).toEqual([
      expect.objectContaining({
        rows: [2, 3],
        code: 'A001',
        name: '宫保鸡丁',
        categoryName: '招牌热菜',
        kind: 'goods',
        onShelf: true,
        lowStockAt: 5,
        skus: [
          { row: 2, label: '大份', priceFen: 3800, stock: 50 },
          { row: 3, label: '小份', priceFen: 2650, stock: 80 },
        ],
      }),
      expect.objectContaining({ rows: [4], code: 'B001', name: '柠檬茶', priceFen: 1200, stock: 100, lowStockAt: null }),
      expect.objectContaining({ rows: [5], code: 'S001', kind: 'service', durationMin: 120, onShelf: false, priceFen: 19900, stock: 10 }),
    ]);
  });

  test('every bad row is reported with its row number, column header and a Chinese message; no products then', () => {
    const { products, errors } = readCatalogSheet([
      H,
      row({ 分类: '热菜', 商品名称: '好菜', '价格(元)': '12' }),
      row({ 分类: '热菜', 商品名称: '坏价', '价格(元)': '12.345' }),
      [],
      row({ 分类: '热菜', 商品名称: '', '价格(元)': '3', 库存: '-2' }),
      row({ 分类: '', 商品名称: '服务', '价格(元)': '3', 类型: '服务', 上架: '也许' }),
    ]);
    expect(products).toEqual([]);
    expect(errors).toEqual([
      { row: 3, column: '价格(元)', message: expect.stringContaining('两位小数') },
      { row: 5, column: '商品名称', message: '请填写商品名称' },
      { row: 5, column: '库存', message: '库存不能为负数' },
      { row: 6, column: '分类', message: '请填写分类' },
      { row: 6, column: '服务时长(分钟)', message: '服务须填写时长（分钟）' },
      { row: 6, column: '上架', message: '上架请填写「是」或「否」' },
    ]);
  });

  test('rows of one product must agree, name their SKUs, and not repeat one', () => {
    const { errors } = readCatalogSheet([
      H,
      row({ 商品编号: 'X1', 分类: '热菜', 商品名称: '面', '规格(SKU)': '大', '价格(元)': '10' }),
      row({ 商品编号: 'X1', 分类: '凉菜', 商品名称: '面', '规格(SKU)': '小', '价格(元)': '8' }),
      row({ 商品编号: 'X1', 分类: '热菜', 商品名称: '面', '规格(SKU)': '', '价格(元)': '8' }),
      row({ 商品编号: 'X1', 分类: '热菜', 商品名称: '面', '规格(SKU)': '大', '价格(元)': '9' }),
      row({ 商品编号: 'X2', 分类: '热菜', 商品名称: '面', '价格(元)': '9' }),
    ]);
    expect(errors).toEqual([
      { row: 3, column: '分类', message: '同一商品的各行须一致：与第 2 行的「分类」不同' },
      { row: 4, column: '规格(SKU)', message: expect.stringContaining('每行须填写规格') },
      { row: 5, column: '规格(SKU)', message: '规格「大」与第 2 行重复' },
      { row: 6, column: '商品名称', message: expect.stringContaining('与第 2 行的商品同名但编号不同') },
    ]);
  });

  test('headers: alias spellings and full-width brackets are accepted, a missing required column is named', () => {
    const ok = readCatalogSheet([
      ['商品名称', '价格（元）', '商品分类', '备注'],
      ['茶', '5', '饮品', '我的备注'],
    ]);
    expect(ok.errors).toEqual([]);
    expect(ok.products).toEqual([expect.objectContaining({ name: '茶', priceFen: 500, categoryName: '饮品', stock: undefined })]);
    expect(
      readCatalogSheet([
        ['商品名称', '分类'],
        ['茶', '饮品'],
      ]).errors,
    ).toEqual([{ row: 1, column: '价格(元)', message: expect.stringContaining('缺少「价格(元)」列') }]);
  });

  test(`more than ${MAX_IMPORT_ROWS} rows is refused as a whole, naming the first row past the limit`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => row({ 分类: 'c', 商品名称: `p${i}`, '价格(元)': '1' }));
    expect(readCatalogSheet([H, ...rows]).errors).toEqual([{ row: MAX_IMPORT_ROWS + 2, column: '', message: expect.stringContaining(`最多导入 ${MAX_IMPORT_ROWS} 行`) }]);
  });

  test('an exported product reads back as the same product', () => {
    const p = {
      code: 'A1',
      name: '面',
      categoryName: '主食',
      priceFen: 1205,
      stock: 7,
      kind: 'goods' as const,
      description: '手工, "宽"面',
      onShelf: false,
      lowStockAt: 2,
      skus: [
        { id: 'k1', label: '大', priceFen: 1500, stock: 3 },
        { id: 'k2', label: '小', priceFen: 1205, stock: 4 },
      ],
    };
    const { products, errors } = readCatalogSheet([H, ...catalogSheetRows(p)]);
    expect(errors).toEqual([]);
    expect(products[0]).toMatchObject({
      code: 'A1',
      name: '面',
      description: '手工, "宽"面',
      onShelf: false,
      lowStockAt: 2,
      skus: [
        { label: '大', priceFen: 1500, stock: 3 },
        { label: '小', priceFen: 1205, stock: 4 },
      ],
    });
  });
});
