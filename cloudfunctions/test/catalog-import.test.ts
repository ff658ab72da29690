import { CATALOG_SHEET_HEADERS } from '@daojia/domain';
import { readTable, writeCsv, writeXlsx } from '@daojia/modules/spreadsheets';
import { startSeededCloud, CONSUMER, MERCHANT, STORE } from './harness';

/** In this process only (the functions run their own bundles): lets a test act right after a catalogue read. */
let mockAfterRead: ((n: number) => void) | undefined;
jest.mock('../../packages/modules/src/catalog/import/repository', () => {
  const actual = jest.requireActual('../../packages/modules/src/catalog/import/repository');
  let reads = 0;
  return {
    ...actual,
    storeProducts: async (storeId: string) => {
      mockAfterRead?.(++reads);
      return actual.storeProducts(storeId);
    },
  };
});

/**
 * The catalogue spreadsheet import through the real function, storage and database: a 50-row file with one bad row
 * is rejected naming that row and changes nothing at all; the fixed file is applied whole (50 rows, exact fen) and
 * the consumer's store page shows it; an export imports back unchanged, and an edited export updates what changed.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

let n = 0;
/** A file in the merchant's own upload folder, as the page uploads it. */
const upload = (body: Buffer, ext: 'csv' | 'xlsx', owner = MERCHANT) => {
  const path = `uploads/${owner}/imports/test-${++n}.${ext}`;
  t.cloud.storage.store.write(path, body, ext === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', owner);
  return t.cloud.storage.fileIdOf(path);
};
const importFile = (fileId: string, fileName = 'menu.xlsx') => t.call(MERCHANT, 'merchantCatalog', 'importFile', { jobId: `test-job-${++n}-${Date.now()}`, fileId, fileName });
const storeProducts = () => t.cloud.db.find('products', { query: { storeId: STORE } }) as any[];
const snapshot = () =>
  storeProducts()
    .map(({ holds, ...p }) => p)
    .sort((a, b) => a._id.localeCompare(b._id));

/** 50 rows: 48 dishes without SKUs, and one noodle in two SKUs (rows 50 and 51); `bad` puts 12.345 元 on the 38th row. */
function fiftyRows({ bad }: { bad: boolean }): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (let i = 1; i <= 48; i++)
    rows.push([`IMP${String(i).padStart(2, '0')}`, i % 2 ? '导入热菜' : '导入凉菜', `导入菜${i}`, '', bad && i === 37 ? '12.345' : `${10 + i}.5`, 20, '商品', '', `第 ${i} 道`, '是', '']);
  rows.push(['IMPN', '导入主食', '导入拉面', '大碗', '18', 30, '商品', '', '手工拉面', '是', '3']);
  rows.push(['IMPN', '导入主食', '导入拉面', '小碗', '15.8', 40, '商品', '', '手工拉面', '是', '3']);
  return rows;
}

test('a 50-row file with one bad row is rejected naming row 38 and its column; nothing at all is applied', async () => {
  const before = snapshot();
  const categoriesBefore = t.count('product_categories', { storeId: STORE });
  const file = await writeXlsx([{ name: '商品', columns: CATALOG_SHEET_HEADERS.map((header) => ({ header })), rows: fiftyRows({ bad: true }) }]);
  const r = await importFile(upload(file, 'xlsx'));
  expect(r.ok).toBe(true);
  const { job } = (r as { data: { job: any } }).data;
  expect(job).toMatchObject({ status: 'rejected', stage: 'finished', percent: 100, rowCount: 50, errorCount: 1, created: 0, updated: 0 });
  expect(job.errors).toEqual([{ row: 38, column: '价格(元)', message: expect.stringContaining('两位小数') }]);
  expect(snapshot()).toEqual(before);
  expect(t.count('product_categories', { storeId: STORE })).toBe(categoriesBefore);
  // The report is the job document: the owner reads it again later, and it is theirs (the rules let its _openid read it).
  expect((await t.ok(MERCHANT, 'merchantCatalog', 'importStatus', { jobId: job._id })).job).toEqual(job);
  expect(t.doc('catalog_imports', job._id)._openid).toBe(MERCHANT);
});

test('the fixed file (csv, as Excel saves it) is applied whole: 50 rows, 49 products, exact fen, on the consumer page', async () => {
  const file = writeCsv(CATALOG_SHEET_HEADERS, fiftyRows({ bad: false }));
  const { job } = await t.ok(MERCHANT, 'merchantCatalog', 'importFile', { jobId: `fixed-${Date.now()}`, fileId: upload(file, 'csv'), fileName: '菜单.csv' });
  expect(job).toMatchObject({ status: 'done', rowCount: 50, productCount: 49, created: 49, updated: 0, errorCount: 0 });

  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const imported = products.filter((p: any) => p.name.startsWith('导入'));
  expect(imported).toHaveLength(49);
  expect(imported.find((p: any) => p.name === '导入菜37')).toMatchObject({ code: 'IMP37', priceFen: 4750, stock: 20, categoryName: '导入热菜', description: '第 37 道' });
  expect(imported.find((p: any) => p.name === '导入拉面')).toMatchObject({
    code: 'IMPN',
    priceFen: 1580,
    stock: 70,
    lowStockAt: 3,
    skus: [expect.objectContaining({ label: '大碗', priceFen: 1800, stock: 30 }), expect.objectContaining({ label: '小碗', priceFen: 1580, stock: 40 })],
  });
  // New category names got category records after the products were in.
  const categories = t.cloud.db.find('product_categories', { query: { storeId: STORE } }).map((c: any) => c.name);
  expect(categories).toEqual(expect.arrayContaining(['导入热菜', '导入凉菜', '导入主食']));
});

test('an export imports back unchanged; an edited export updates only what was edited, stock untouched where left blank', async () => {
  const exported = await t.ok(MERCHANT, 'merchantCatalog', 'exportCatalog', { format: 'xlsx' });
  expect(exported.fileName).toMatch(/^商品目录-\d{8}\.xlsx$/);
  const body = Buffer.from(await (await fetch(exported.url)).arrayBuffer());
  const table = await readTable(body, 'xlsx');
  expect(table[0]).toEqual(CATALOG_SHEET_HEADERS);
  expect(table.length - 1).toBeGreaterThanOrEqual(50);
  expect(exported.productCount).toBe(storeProducts().length);

  const before = snapshot();
  const again = await t.ok(MERCHANT, 'merchantCatalog', 'importFile', { jobId: `roundtrip-${Date.now()}`, fileId: upload(body, 'xlsx'), fileName: exported.fileName });
  expect(again.job).toMatchObject({ status: 'done', created: 0, updated: 0, productCount: exported.productCount });
  expect(snapshot()).toEqual(before);

  // Edit the export as a merchant would: 导入菜1 gets a new price, its stock cell is cleared (keep what it has).
  const priceCol = CATALOG_SHEET_HEADERS.indexOf('价格(元)');
  const stockCol = CATALOG_SHEET_HEADERS.indexOf('库存');
  // 导入拉面 小碗 goes to 16 元 (its SKU keeps its id, the product's price follows its cheapest SKU).
  const edited = table.map((r) =>
    r[2] === '导入菜1' ? r.map((c, i) => (i === priceCol ? '9.9' : i === stockCol ? '' : c)) : r[2] === '导入拉面' && r[3] === '小碗' ? r.map((c, i) => (i === priceCol ? '16' : c)) : r,
  );
  const noodle = storeProducts().find((p) => p.code === 'IMPN');
  const csv = writeCsv(edited[0], edited.slice(1));
  const dish = storeProducts().find((p) => p.name === '导入菜1');
  const { job } = await t.ok(MERCHANT, 'merchantCatalog', 'importFile', { jobId: `edited-${Date.now()}`, fileId: upload(csv, 'csv'), fileName: 'edited.csv' });
  expect(job).toMatchObject({ status: 'done', created: 0, updated: 2 });
  expect(t.doc('products', dish._id)).toMatchObject({ priceFen: 990, stock: dish.stock, code: 'IMP01' });
  expect(t.doc('products', noodle._id)).toMatchObject({ priceFen: 1600, stock: 70, skus: [noodle.skus[0], { ...noodle.skus[1], priceFen: 1600 }] });
});

test("a file that is not the caller's own upload is refused before anything is read; a template downloads", async () => {
  const other = upload(writeCsv(CATALOG_SHEET_HEADERS, []), 'csv', 'demo-merchant-002');
  expect(await importFile(other)).toMatchObject({ ok: false, code: 'IMPORT_FILE_INVALID' });
  const template = await t.ok(MERCHANT, 'merchantCatalog', 'importTemplate', { format: 'xlsx' });
  const rows = await readTable(Buffer.from(await (await fetch(template.url)).arrayBuffer()), 'xlsx');
  expect(rows[0]).toEqual(CATALOG_SHEET_HEADERS);
  expect(rows.length).toBe(5);
});

describe('an order taking stock while the import writes', () => {
  // The import service in this process (not the bundled function), so a take can be slipped in right after the
  // transaction's snapshot starts: exactly the moment a real order could land.
  let service: typeof import('../../packages/modules/src/catalog/import/service');
  beforeAll(() => {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${t.cloud.url}/admin` });
    process.env.TENCENTCLOUD_RUNENV = 'SCF';
    process.env.SCF_NAMESPACE = t.cloud.envId;
    process.env.TCB_ENV = t.cloud.envId;
    process.env.TENCENTCLOUD_SECRETID = 'local';
    process.env.TENCENTCLOUD_SECRETKEY = 'local';
    // Required after the environment points node-sdk at this cloud (its instance is made when the runtime loads).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    service = require('../../packages/modules/src/catalog/import/service');
  });
  afterEach(() => {
    mockAfterRead = undefined;
  });

  test("is not lost: the transaction conflicts, runs again, and moves stock by the file's difference (20 → 50 with 2 taken: 48)", async () => {
    const dish = storeProducts().find((p) => p.code === 'IMP05');
    t.cloud.db.update('products', { _id: dish._id }, { $set: { stock: 20 } });
    let reads = 0;
    let first = 0;
    mockAfterRead = (n) => {
      first ||= n;
      reads++;
      // Read 1 plans; read 2 is the transaction's first attempt, after its snapshot: an order takes 2 just then.
      if (n === first + 1) t.cloud.db.update('products', { _id: dish._id }, { $inc: { stock: -2, sales: 2 }, $push: { holds: 'order-hold-x' } });
    };
    const rows = [['IMP05', '导入热菜', '导入菜5', '', '15.5', '50', '商品', '', '第 5 道', '是', '']];
    const fileId = upload(writeCsv(CATALOG_SHEET_HEADERS, rows), 'csv');
    const job = await service.importCatalogFile({ storeId: STORE, userKey: MERCHANT, jobId: `race-${Date.now()}`, fileId, fileName: 'race.csv' });
    expect(job).toMatchObject({ status: 'done', updated: 1 });
    expect(reads).toBe(3); // planned, conflicted, applied
    const after = t.doc('products', dish._id);
    expect(after.stock).toBe(48);
    expect(after.sales).toBe((dish.sales ?? 0) + 2);
    expect(after.holds).toEqual(['order-hold-x']); // the take's hold is still there for its give-back
  });

  test('a product an order holds keeps its SKUs: a file adding one is rejected naming the row, nothing applied', async () => {
    const noodle = storeProducts().find((p) => p.code === 'IMPN');
    t.cloud.db.update('products', { _id: noodle._id }, { $push: { holds: `hold-y:${noodle.skus[0].id}` } });
    const before = snapshot();
    const rows = [
      ['IMP06', '导入凉菜', '导入菜6', '', '1', '1', '商品', '', '', '是', ''],
      ['IMPN', '导入主食', '导入拉面', '大碗', '18', '', '商品', '', '手工拉面', '是', '3'],
      ['IMPN', '导入主食', '导入拉面', '小碗', '15.8', '', '商品', '', '手工拉面', '是', '3'],
      ['IMPN', '导入主食', '导入拉面', '超大碗', '22', '5', '商品', '', '手工拉面', '是', '3'],
    ];
    const job = await service.importCatalogFile({ storeId: STORE, userKey: MERCHANT, jobId: `held-${Date.now()}`, fileId: upload(writeCsv(CATALOG_SHEET_HEADERS, rows), 'csv'), fileName: 'held.csv' });
    expect(job).toMatchObject({ status: 'rejected', errorCount: 1 });
    expect(job.errors).toEqual([{ row: 3, column: '规格(SKU)', message: expect.stringContaining('暂不能增删规格') }]);
    expect(snapshot()).toEqual(before);
  });
});
