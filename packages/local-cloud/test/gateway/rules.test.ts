import path from 'node:path';
import { loadCollectionRules } from '../../src/db/rules';
import { bindCaller, compileRule, readRuleOf, writeRuleOf, RuleError } from '../../src/gateway/rules';

/**
 * Every collection of the project × (anonymous, owner, another user) × (read a document, query, write), from the
 * real database-rules files. The expected column is the product's policy, written by hand.
 */
const rules = loadCollectionRules(path.resolve(__dirname, '../../../../database-rules'));
const OWNER = { openid: 'u-owner', uid: 'u-owner' };
const OTHER = { openid: 'u-other', uid: 'u-other' };
const WHO = { anonymous: null, owner: OWNER, other: OTHER } as const;

type Row = [collection: string, readOwnDoc: [anon: boolean, owner: boolean, other: boolean], queryPinnedToOwner: [boolean, boolean, boolean]];
const PUBLIC: Row[1] = [true, true, true];
const OWNED: Row[1] = [false, true, false];
const CLOSED: Row[1] = [false, false, false];
const TABLE: Row[] = [
  ['stores', PUBLIC, PUBLIC], ['products', PUBLIC, PUBLIC], ['booking_slots', PUBLIC, PUBLIC], ['reviews', PUBLIC, PUBLIC], ['coupons', PUBLIC, PUBLIC],
  ['orders', OWNED, OWNED], ['order_events', OWNED, OWNED], ['user_coupons', OWNED, OWNED], ['addresses', OWNED, OWNED], ['users', OWNED, OWNED],
  ['payments', CLOSED, CLOSED], ['refunds', CLOSED, CLOSED], ['merchant_staff', CLOSED, CLOSED], ['admins', CLOSED, CLOSED], ['dev_accounts', CLOSED, CLOSED],
];

test('the table covers every collection that has a rules file', () => {
  expect(TABLE.map(([c]) => c).sort()).toEqual(Object.keys(rules).sort());
});

describe.each(TABLE)('%s', (collection, readDoc, query) => {
  const read = readRuleOf(rules[collection]);
  const write = writeRuleOf(rules[collection]);
  const doc = { _id: 'd1', _openid: OWNER.openid, status: 'paid' };
  test.each(Object.keys(WHO).map((w, i) => [w, i] as const))('%s', (who, i) => {
    const auth = WHO[who as keyof typeof WHO];
    expect(read.allowsDoc(doc, auth)).toBe(readDoc[i]);
    expect(read.allowsQuery({ _openid: OWNER.openid }, auth)).toBe(query[i]);
    expect(write.allowsDoc(doc, auth)).toBe(false); // business data is written by functions only
  });
  test('an owner-only rule refuses a query that does not pin the owner', () => {
    expect(read.allowsQuery({ status: 'paid' }, OWNER)).toBe(readDoc === PUBLIC);
  });
});

test('expressions: comparisons, in, and/or/not with three-valued query checks', () => {
  const r = compileRule("doc.status in ['open', 'closed'] && (doc._openid == auth.openid || doc.public == true) && !(doc.rating < 3)");
  expect(r.allowsDoc({ status: 'open', _openid: 'x', public: true, rating: 4 }, OTHER)).toBe(true);
  expect(r.allowsDoc({ status: 'open', _openid: 'x', public: false, rating: 4 }, OTHER)).toBe(false);
  expect(r.allowsDoc({ status: 'open', _openid: 'u-other', rating: 2 }, OTHER)).toBe(false);
  expect(r.allowsQuery({ status: 'open', _openid: 'u-other', rating: 5 }, OTHER)).toBe(true);
  expect(r.allowsQuery({ status: 'open', _openid: 'u-other' }, OTHER)).toBe(false); // rating unknown → not provable
  expect(() => compileRule("get('database.x.y').a == 1")).toThrow(RuleError);
  expect(() => compileRule('process.exit()')).toThrow(RuleError);
});

test("'{openid}' in a client query stands for the caller, at any depth, and only as a whole string", () => {
  const auth = { openid: 'u1', uid: 'u1' };
  const when = new Date('2026-12-01T00:00:00Z');
  const bound = bindCaller({ _openid: '{openid}', $or: [{ buyer: { $eq: '{openid}' } }, { tags: ['{openid}', 'x'] }], note: 'my {openid}', at: when }, auth);
  expect(bound).toEqual({ _openid: 'u1', $or: [{ buyer: { $eq: 'u1' } }, { tags: ['u1', 'x'] }], note: 'my {openid}', at: when });
  expect(bound.at).toBeInstanceOf(Date);
  expect(readRuleOf({ rules: { read: 'doc._openid == auth.openid' } }).allowsQuery(bindCaller({ _openid: '{openid}' }, auth), auth)).toBe(true);
});
