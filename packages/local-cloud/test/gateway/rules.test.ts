import { bindCaller, compileRule, readRuleOf, RuleError } from '../../src/gateway/rules';

// The per-collection table (every rules file × caller × operation) runs through the gateway: rules-table.test.ts.
const OTHER = { openid: 'u-other', uid: 'u-other' };

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
  expect(readRuleOf({ indexes: [], rules: { read: 'doc._openid == auth.openid', write: false } }).allowsQuery(bindCaller({ _openid: '{openid}' }, auth), auth)).toBe(true);
});
