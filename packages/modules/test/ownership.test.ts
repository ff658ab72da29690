import { declaredCollections, foreignWrites, moduleSources, writes, type Source } from './ownership';

const sources = moduleSources();

test("no module writes another module's collections (nor one no module declares)", () => {
  expect(writes(sources).length).toBeGreaterThan(10); // the reader finds the writes it is there to check
  expect(foreignWrites(sources).map((w) => `${w.file}:${w.line} writes ${w.collection} (owner: ${w.owner})`)).toEqual([]);
});

test('every collection has one owner', () => {
  const owners = new Map<string, string[]>();
  for (const [module, names] of declaredCollections(sources)) for (const n of names) owners.set(n, [...(owners.get(n) ?? []), module]);
  expect([...owners].filter(([, m]) => m.length > 1)).toEqual([]);
  for (const [collection, module] of [
    ['orders', 'orders'],
    ['order_events', 'orders'],
    ['products', 'catalog'],
    ['product_categories', 'catalog'],
    ['stores', 'stores'],
    ['booking_slots', 'stores'],
    ['user_coupons', 'marketing'],
    ['payments', 'payments'],
    ['payment_alerts', 'payments'],
    ['refunds', 'payments'],
    ['addresses', 'accounts'],
    ['audit_logs', 'audit'],
  ]) {
    expect([collection, owners.get(collection)]).toEqual([collection, [module]]);
  }
});

describe('the checks fail when the rule is broken', () => {
  const fake = (module: string, file: string, text: string): Source => ({ module, file: `${module}/${file}`, text });
  const owners = [
    fake('orders', 'repository.ts', "export const COLLECTIONS = ['orders'] as const;"),
    fake(
      'catalog',
      'repository.ts',
      "export const COLLECTIONS = ['products'] as const;\nconst products = () => db.collection('products');\nexport const take = () => products().where({}).update({ stock: 1 });",
    ),
  ];

  test("an inline write into another module's collection", () => {
    const bad = fake('catalog', 'stock.ts', "export async function f() {\n  await db.collection('orders').where({ _id: 'x' }).update({ status: 'paid' });\n}");
    expect(foreignWrites([...owners, bad])).toEqual([expect.objectContaining({ module: 'catalog', collection: 'orders', owner: 'orders', line: 2 })]);
  });

  test('a write through an accessor or a named constant, and into an undeclared collection', () => {
    const bad = fake(
      'catalog',
      'stock.ts',
      "const ORDERS = 'orders';\nconst o = () => db.collection(ORDERS);\nconst x = db.collection('secrets');\nexport const f = async () => { await o().doc('1').set({}); await x.add({}); };",
    );
    expect(foreignWrites([...owners, bad]).map((w) => [w.collection, w.owner])).toEqual([
      ['orders', 'orders'],
      ['secrets', '(nobody declares it)'],
    ]);
  });

  test("reads of another module's collection are not writes; own writes are fine", () => {
    const ok = fake('catalog', 'menu.ts', "export const f = async () => (await db.collection('orders').where({}).get()).data;");
    expect(foreignWrites([...owners, ok])).toEqual([]);
    expect(writes(owners).map((w) => w.collection)).toEqual(['products']);
  });
});
