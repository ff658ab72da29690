import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud, REPO_ROOT } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';
import { jsSdkApp, signedInApp } from './sdk';

/**
 * The security rules as a client meets them: every collection of database-rules/ × (anonymous, owner, another
 * signed-in user) × (query, doc(id).get, get by id, add, update, remove), through the real gateway with the real
 * @cloudbase/js-sdk. Plus `notes`, a collection of this test whose rule lets owners write, so the allowed-write
 * path is covered too. The expected outcome of each is written here from what the rule says.
 */
const OWNER = 'rules-owner';
const OTHER = 'rules-other';

type Outcome = 'allowed' | 'denied';
type Ops = { query: Outcome; doc: Outcome; byId: Outcome; add: Outcome; update: Outcome; remove: Outcome };
type Who = 'anonymous' | 'owner' | 'other';

const A = 'allowed' as const;
const D = 'denied' as const;
const ops = (query: Outcome, doc: Outcome, byId: Outcome, add: Outcome, update: Outcome, remove: Outcome): Ops => ({ query, doc, byId, add, update, remove });
const READ_ONLY = ops(A, A, A, D, D, D);
const NOTHING = ops(D, D, D, D, D, D);

/** `read: true, write: false`: the public catalogue, read by anyone, written by functions only. */
const PUBLIC: Record<Who, Ops> = { anonymous: READ_ONLY, owner: READ_ONLY, other: READ_ONLY };
/** `read: "doc._openid == auth.openid", write: false`: the owner reads their own; nobody writes. */
const OWNED: Record<Who, Ops> = { anonymous: NOTHING, owner: READ_ONLY, other: NOTHING };
/** `read: false, write: false`: server-only data. */
const CLOSED: Record<Who, Ops> = { anonymous: NOTHING, owner: NOTHING, other: NOTHING };
/**
 * `read` and `write` both `"doc._openid == auth.openid"`: the owner reads, changes and removes their note; anyone
 * signed in (anonymous sign-in too: it has its own uid) may add one, since a new document is stamped with its creator.
 */
const OWNER_WRITES: Record<Who, Ops> = { anonymous: ops(D, D, D, A, D, D), owner: ops(A, A, A, A, A, A), other: ops(D, D, D, A, D, D) };

const TABLE: [collection: string, expected: Record<Who, Ops>][] = [
  ['stores', PUBLIC], ['products', PUBLIC], ['booking_slots', PUBLIC], ['reviews', PUBLIC], ['coupons', PUBLIC],
  ['orders', OWNED], ['order_events', OWNED], ['user_coupons', OWNED], ['addresses', OWNED], ['users', OWNED],
  ['payments', CLOSED], ['refunds', CLOSED], ['merchant_staff', CLOSED], ['admins', CLOSED], ['dev_accounts', CLOSED],
  ['notes', OWNER_WRITES],
];

let rootDir: string;
let cloud: LocalCloud;
const dbs = {} as Record<Who, ReturnType<typeof jsSdkApp>['db']>;
beforeAll(async () => {
  rootDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-rules-'));
  cpSync(path.join(REPO_ROOT, 'database-rules'), path.join(rootDir, 'database-rules'), { recursive: true });
  writeFileSync(path.join(rootDir, 'database-rules', 'notes.json'), JSON.stringify({ rules: { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' } }));
  cloud = await startTestCloud({ rootDir });
  cloud.db.insert('dev_accounts', [OWNER, OTHER].map((_id) => ({ _id, role: 'consumer', name: _id, description: '' })));
  const anonymous = jsSdkApp(cloud.url);
  const { error } = (await anonymous.auth.signInAnonymously({})) as unknown as { error?: unknown };
  if (error) throw new Error(`anonymous sign-in failed: ${JSON.stringify(error)}`);
  dbs.anonymous = anonymous.db;
  dbs.owner = (await signedInApp(cloud.url, OWNER)).db;
  dbs.other = (await signedInApp(cloud.url, OTHER)).db;
});
afterAll(async () => {
  await cloud?.close();
  rmSync(rootDir, { recursive: true, force: true });
});

test('the table covers every collection that has a rules file, and notes', () => {
  const files = readdirSync(path.join(REPO_ROOT, 'database-rules')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  expect(TABLE.map(([c]) => c).sort()).toEqual([...files, 'notes'].sort());
});

/** A client's new document is stamped with its creator, whatever it sent. */
const stampedBy = (who: Who, openid: unknown) => (who === 'anonymous' ? /^anon-/.test(String(openid)) : openid === (who === 'owner' ? OWNER : OTHER));

let fixtures = 0;
/** What happened, told by the SDK's result and the database together; anything else is reported as it was. */
const tell = (allowed: boolean, denied: boolean, what: unknown): Outcome => (allowed ? A : denied ? D : (JSON.stringify(what) as Outcome));

describe.each(TABLE)('%s', (collection, expected) => {
  test.each(['anonymous', 'owner', 'other'] as const)('%s', async (who) => {
    const db = dbs[who];
    const _id = `${collection}-${who}-${++fixtures}`;
    // Unique fields of the real collections (userKey, idempotencyKey) get values of their own.
    cloud.db.insert(collection, [{ _id, _openid: OWNER, note: 'fixture', userKey: _id, idempotencyKey: _id }]);
    const stored = () => cloud.db.find(collection, { query: { _id } })[0];
    try {
      const refused = (r: { code?: string }) => r.code === 'PERMISSION_DENIED';
      const sawFixture = (r: { data?: { _id: string }[] }) => Array.isArray(r.data) && r.data.some((d) => d._id === _id);
      // What js-sdk in Node resolves a refused write with (README: it cannot see the refusal's code).
      const onlyRequestId = (r: object) => JSON.stringify(Object.entries(r).filter(([, v]) => v !== undefined).map(([k]) => k)) === '["requestId"]';

      const query = await db.collection(collection).where({ _openid: OWNER }).get();
      const doc = await db.collection(collection).doc(_id).get();
      const byId = await db.collection(collection).where({ _id: db.command.eq(_id) }).get();

      const count = cloud.db.count(collection, {});
      const add = await db.collection(collection).add({ note: 'added' });
      const added = add.id ? cloud.db.find(collection, { query: { _id: add.id } })[0] : undefined;
      const addOutcome = tell(!!added && added.note === 'added' && stampedBy(who, added._openid), onlyRequestId(add) && cloud.db.count(collection, {}) === count, add);
      if (added) cloud.db.remove(collection, { _id: add.id });

      const update = await db.collection(collection).doc(_id).update({ note: 'updated' });
      const updateOutcome = tell(update.updated === 1 && stored()?.note === 'updated', onlyRequestId(update) && stored()?.note === 'fixture', update);

      const remove = await db.collection(collection).doc(_id).remove();
      const removeOutcome = tell(remove.deleted === 1 && !stored(), onlyRequestId(remove) && !!stored(), remove);

      expect({
        query: tell(sawFixture(query), refused(query), query),
        doc: tell(sawFixture(doc), refused(doc), doc),
        byId: tell(sawFixture(byId), refused(byId), byId),
        add: addOutcome,
        update: updateOutcome,
        remove: removeOutcome,
      }).toEqual(expected[who]);
    } finally {
      cloud.db.remove(collection, { _id });
    }
  });
});

describe('reading one document by id answers as CloudBase does', () => {
  test("another user's existing order is PERMISSION_DENIED on both paths; a missing one is empty, or DATABASE_DOCUMENT_NOT_EXIST", async () => {
    cloud.db.insert('orders', [{ _id: 'rules-order-1', _openid: OWNER, idempotencyKey: 'rules-order-1' }]);
    const other = dbs.other;
    expect(await other.collection('orders').doc('rules-order-1').get()).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await other.collection('orders').where({ _id: other.command.eq('rules-order-1') }).get()).toMatchObject({ code: 'PERMISSION_DENIED' });
    const missing = await other.collection('orders').doc('rules-no-such-order').get();
    expect(missing.code).toBeUndefined();
    expect(missing.data).toEqual([]);
    expect(await other.collection('orders').where({ _id: other.command.eq('rules-no-such-order') }).get()).toMatchObject({ code: 'DATABASE_DOCUMENT_NOT_EXIST' });
    const own = await dbs.owner.collection('orders').where({ _id: dbs.owner.command.eq('rules-order-1') }).field({ _id: true }).get();
    expect(own.data).toEqual([{ _id: 'rules-order-1' }]);
  });
});
