import type { Doc } from '../db';
import type { CollectionRules } from '../db/rules';

export interface RuleAuth { openid: string; uid: string }

/**
 * Security rules for client reads, as CloudBase evaluates them. Supported expressions: `true`, `false` and
 * `doc.<field> == auth.openid|auth.uid` (the ownership rule every owned collection here uses). Anything else is
 * refused loudly rather than guessed at. A collection without a rules file denies every client request.
 */
export function readRule(rules: CollectionRules | undefined): (doc: Doc, auth: RuleAuth | null) => boolean {
  const rule = rules?.rules?.read;
  if (rule === undefined || rule === false) return () => false;
  if (rule === true || rule === 'true') return () => true;
  const m = /^\s*doc\.([A-Za-z_][\w.]*)\s*==\s*auth\.(openid|uid)\s*$/.exec(String(rule));
  if (!m) throw new Error(`unsupported read rule "${rule}": the local gateway understands true, false and doc.<field> == auth.openid`);
  const [, field, key] = m;
  return (doc, auth) => !!auth && auth[key as keyof RuleAuth] !== '' && doc[field] === auth[key as keyof RuleAuth];
}

/** CloudBase requires a client query to be a subset of what the rule allows: an owner rule needs the owner pinned. */
export function queryWithinRule(rules: CollectionRules | undefined, query: Record<string, unknown>, auth: RuleAuth | null): boolean {
  const rule = rules?.rules?.read;
  if (rule === true || rule === 'true') return true;
  if (rule === undefined || rule === false || !auth) return false;
  const m = /^\s*doc\.([A-Za-z_][\w.]*)\s*==\s*auth\.(openid|uid)\s*$/.exec(String(rule));
  return !!m && query[m[1]] === auth[m[2] as keyof RuleAuth];
}
