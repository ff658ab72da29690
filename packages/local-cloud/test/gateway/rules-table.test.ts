import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud, REPO_ROOT } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';
import { credentialsFor, documentsUrl, jsSdkApp, signedInApp } from './sdk';

/**
 * The security rules as a client meets them: every collection of database-rules/ × (anonymous, owner, another
 * signed-in user) × every read and every write request @cloudbase/js-sdk can send (read from its database code:
 * add, doc().set on a new and on an existing id, doc().update, where().update, doc().remove, where().remove, a
 * transaction), plus update with upsert on a new id, which the SDK never sends but a client can, through the real
 * gateway with the real SDK. Plus `notes`, a collection of this test whose rule lets owners write, so the allowed
 * write paths are covered too. The expected outcome of each is written here from what the rule says; a denied write
 * must leave the whole collection as it was.
 */
const OWNER = 'rules-owner';
const OTHER = 'rules-other';

const WRITES = ['add', 'setNew', 'setExisting', 'update', 'upsertNew', 'updateWhere', 'remove', 'removeWhere', 'transaction'] as const;
type Outcome = 'allowed' | 'denied';
type Op = 'query' | 'doc' | 'byId' | (typeof WRITES)[number];
type Ops = Record<Op, Outcome>;
type Who = 'anonymous' | 'owner' | 'other';

const A = 'allowed' as const;
const D = 'denied' as const;
const ops = (read: Outcome, writes: Partial<Record<(typeof WRITES)[number], Outcome>> = {}): Ops =>
  ({ query: read, doc: read, byId: read, ...Object.fromEntries(WRITES.map((w) => [w, writes[w] ?? D])) }) as Ops;
const READ_ONLY = ops(A);
const NOTHING = ops(D);

/** `read: true, write: false`: the public catalogue, read by anyone, written by functions only. */
const PUBLIC: Record<Who, Ops> = { anonymous: READ_ONLY, owner: READ_ONLY, other: READ_ONLY };
/** `read: "doc._openid == auth.openid", write: false`: the owner reads their own; nobody writes. */
const OWNED: Record<Who, Ops> = { anonymous: NOTHING, owner: READ_ONLY, other: NOTHING };
/** `read: false, write: false`: server-only data. */
const CLOSED: Record<Who, Ops> = { anonymous: NOTHING, owner: NOTHING, other: NOTHING };
/**
 * `read` and `write` both `"doc._openid == auth.openid"`: the owner reads, changes and removes their note; anyone
 * signed in (anonymous sign-in too: it has its own uid) may create one (add, or set / upsert on a new id), since a
 * new document is stamped with its creator. The gateway has no transactions, so a transaction writes nothing.
 */
const CREATE = { add: A, setNew: A, upsertNew: A } as const;
const OWNER_WRITES: Record<Who, Ops> = {
  anonymous: ops(D, CREATE),
  owner: ops(A, { ...CREATE, setExisting: A, update: A, updateWhere: A, remove: A, removeWhere: A }),
  other: ops(D, CREATE),
};

const TABLE: [collection: string, expected: Record<Who, Ops>][] = [
  ['stores', PUBLIC],
  ['products', PUBLIC],
  ['booking_slots', PUBLIC],
  ['reviews', CLOSED], // read through the review function only: anonymous reviewers' accounts stay hidden
  ['coupons', PUBLIC],
  ['orders', OWNED],
  ['order_events', OWNED],
  ['user_coupons', OWNED],
  ['addresses', OWNED],
  ['users', OWNED],
  ['payments', CLOSED],
  ['refunds', CLOSED],
  ['merchant_staff', CLOSED],
  ['admins', CLOSED],
  ['dev_accounts', CLOSED],
  ['audit_logs', CLOSED],
  ['payment_alerts', CLOSED],
  ['notifications', OWNED],
  ['ledger_entries', CLOSED],
  ['risk_stats', CLOSED],
  ['order_event_deliveries', CLOSED],
  ['catalog_imports', OWNED], // an import's progress and report, read by the merchant who started it
  ['product_categories', CLOSED], // the menu reaches consumers through store.detail
  ['payouts', CLOSED],
  ['staff_invites', CLOSED],
  ['store_applications', CLOSED],
  ['notes', OWNER_WRITES],
];

let rootDir: string;
let cloud: LocalCloud;
const dbs = {} as Record<Who, ReturnType<typeof jsSdkApp>['db']>;
/** Access tokens for raw requests, one sign-in per caller kind (anonymous: its own anonymous uid). */
const tokens = {} as Record<Who, string>;
beforeAll(async () => {
  rootDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-rules-'));
  cpSync(path.join(REPO_ROOT, 'database-rules'), path.join(rootDir, 'database-rules'), { recursive: true });
  writeFileSync(path.join(rootDir, 'database-rules', 'notes.json'), JSON.stringify({ rules: { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' } }));
  cloud = await startTestCloud({ rootDir });
  cloud.db.insert(
    'dev_accounts',
    [OWNER, OTHER].map((_id) => ({ _id, role: 'consumer', name: _id, description: '' })),
  );
  const anonymous = jsSdkApp(cloud.url);
  const { error } = (await anonymous.auth.signInAnonymously({})) as unknown as { error?: unknown };
  if (error) throw new Error(`anonymous sign-in failed: ${JSON.stringify(error)}`);
  dbs.anonymous = anonymous.db;
  dbs.owner = (await signedInApp(cloud.url, OWNER)).db;
  dbs.other = (await signedInApp(cloud.url, OTHER)).db;
  tokens.anonymous = (await credentialsFor(cloud.url, 'anonymous')).access_token;
  tokens.owner = (await credentialsFor(cloud.url, { accountId: OWNER })).access_token;
  tokens.other = (await credentialsFor(cloud.url, { accountId: OTHER })).access_token;
});
afterAll(async () => {
  await cloud?.close();
  rmSync(rootDir, { recursive: true, force: true });
});

test('the table covers every collection that has a rules file, and notes', () => {
  const files = readdirSync(path.join(REPO_ROOT, 'database-rules'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  expect(TABLE.map(([c]) => c).sort()).toEqual([...files, 'notes'].sort());
});

/** A client's new document is stamped with its creator, whatever it sent. */
const stampedBy = (who: Who, openid: unknown) => (who === 'anonymous' ? /^anon-/.test(String(openid)) : openid === (who === 'owner' ? OWNER : OTHER));

let fixtures = 0;
/** What happened, told by the reply and the database together; anything else is reported as it was. */
const tell = (allowed: boolean, denied: boolean, what: unknown): Outcome => (allowed ? A : denied ? D : (JSON.stringify(what) as Outcome));

describe.each(TABLE)('%s', (collection, expected) => {
  test.each(['anonymous', 'owner', 'other'] as const)('%s', async (who) => {
    const db = dbs[who];
    const _id = `${collection}-${who}-${++fixtures}`;
    const fresh = `${_id}-new`;
    // Unique fields of the real collections (userKey, idempotencyKey) get values of their own.
    const fixture = { _id, _openid: OWNER, note: 'fixture', userKey: _id, idempotencyKey: _id };
    const all = () => cloud.db.find(collection, { order: [['_id', 1]] });
    const snapshot = () => JSON.stringify(all());
    cloud.db.insert(collection, [fixture]);
    const start = all();
    // Back to the fixture alone after every write, whatever it added or changed.
    const reset = () => {
      cloud.db.remove(collection, {}, { multi: true });
      cloud.db.insert(collection, start);
    };
    const get = (id: string) => cloud.db.find(collection, { query: { _id: id } })[0];
    try {
      const refused = (r: { code?: string }) => r.code === 'PERMISSION_DENIED';
      const sawFixture = (r: { data?: { _id: string }[] }) => Array.isArray(r.data) && r.data.some((d) => d._id === _id);
      // What js-sdk in Node resolves a refused write with (README: it cannot see the refusal's code).
      const onlyRequestId = (r: object) =>
        JSON.stringify(
          Object.entries(r)
            .filter(([, v]) => v !== undefined)
            .map(([k]) => k),
        ) === '["requestId"]';
      const raw = async (method: string, p: string, body: unknown) => {
        const res = await fetch(`${documentsUrl(cloud.url, collection)}${p}`, {
          method,
          headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, ...((await res.json()) as { code?: string; upsert_id?: string }) };
      };

      const outcome = {} as Ops;
      outcome.query = tell(sawFixture(await db.collection(collection).where({ _openid: OWNER }).get()), refused(await db.collection(collection).where({ _openid: OWNER }).get()), 'query');
      const doc = await db.collection(collection).doc(_id).get();
      outcome.doc = tell(sawFixture(doc), refused(doc), doc);
      const byId = await db
        .collection(collection)
        .where({ _id: db.command.eq(_id) })
        .get();
      outcome.byId = tell(sawFixture(byId), refused(byId), byId);

      /** Runs one write; `done` says whether it did what it asked, `refusal` whether the reply was a refusal. */
      const write = async (op: (typeof WRITES)[number], run: () => Promise<unknown>, done: (r: any) => boolean, refusal: (r: any) => boolean) => {
        const before = snapshot();
        const r = await run().catch((e: unknown) => ({ thrown: String(e) }));
        outcome[op] = tell(done(r), refusal(r) && snapshot() === before, r);
        reset();
      };
      const sdkRefusal = onlyRequestId;
      const mine = (id: string | undefined, note: string) => {
        const d = id ? get(id) : undefined;
        return !!d && d.note === note && stampedBy(who, d._openid);
      };

      await write(
        'add',
        () => db.collection(collection).add({ note: 'added' }),
        (r) => mine(r.id, 'added'),
        sdkRefusal,
      );
      await write(
        'setNew',
        () => db.collection(collection).doc(fresh).set({ note: 'set' }),
        () => mine(fresh, 'set'),
        sdkRefusal,
      );
      await write(
        'setExisting',
        () => db.collection(collection).doc(_id).set({ note: 'set' }),
        () => get(_id)?.note === 'set' && get(_id)?._openid === OWNER && get(_id)?.userKey === undefined,
        sdkRefusal,
      );
      await write(
        'update',
        () => db.collection(collection).doc(_id).update({ note: 'updated' }),
        (r) => r.updated === 1 && get(_id)?.note === 'updated',
        sdkRefusal,
      );
      await write(
        'upsertNew',
        () => raw('PATCH', '', { query: { _id: fresh }, data: { $set: { note: 'upserted' } }, upsert: true }),
        (r) => r.upsert_id === fresh && mine(fresh, 'upserted'),
        (r) => r.status === 403 && r.code === 'PERMISSION_DENIED',
      );
      await write(
        'updateWhere',
        () => db.collection(collection).where({ _openid: OWNER }).update({ note: 'updated' }),
        (r) => r.updated === 1 && get(_id)?.note === 'updated',
        sdkRefusal,
      );
      await write(
        'remove',
        () => db.collection(collection).doc(_id).remove(),
        (r) => r.deleted === 1 && !get(_id),
        sdkRefusal,
      );
      await write(
        'removeWhere',
        () => db.collection(collection).where({ _openid: OWNER }).remove(),
        (r) => r.deleted === 1 && !get(_id),
        sdkRefusal,
      );
      // The SDK starts a transaction with its own request; the gateway has none to offer, so nothing may come of it.
      await write(
        'transaction',
        () =>
          (db as any).runTransaction(async (t: any) => {
            await t.collection(collection).doc(fresh).set({ note: 'in-transaction' });
          }),
        () => mine(fresh, 'in-transaction'),
        (r) => 'thrown' in r,
      );

      expect(outcome).toEqual(expected[who]);
    } finally {
      cloud.db.remove(collection, { _id }, {});
    }
  });
});

describe('reading one document by id answers as CloudBase does', () => {
  test("another user's existing order is PERMISSION_DENIED on both paths; a missing one is empty, or DATABASE_DOCUMENT_NOT_EXIST", async () => {
    cloud.db.insert('orders', [{ _id: 'rules-order-1', _openid: OWNER, idempotencyKey: 'rules-order-1' }]);
    const other = dbs.other;
    expect(await other.collection('orders').doc('rules-order-1').get()).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(
      await other
        .collection('orders')
        .where({ _id: other.command.eq('rules-order-1') })
        .get(),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
    const missing = await other.collection('orders').doc('rules-no-such-order').get();
    expect(missing.code).toBeUndefined();
    expect(missing.data).toEqual([]);
    expect(
      await other
        .collection('orders')
        .where({ _id: other.command.eq('rules-no-such-order') })
        .get(),
    ).toMatchObject({ code: 'DATABASE_DOCUMENT_NOT_EXIST' });
    const own = await dbs.owner
      .collection('orders')
      .where({ _id: dbs.owner.command.eq('rules-order-1') })
      .field({ _id: true })
      .get();
    expect(own.data).toEqual([{ _id: 'rules-order-1' }]);
  });
});
