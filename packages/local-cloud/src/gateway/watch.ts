import type { ServerResponse } from 'node:http';
import { Query } from 'mingo';
import type { Database, Doc, DocumentChange } from '../db';
import { readRuleOf, type RuleAuth } from './rules';

interface Subscription { collection: string; docId?: string; where?: Record<string, unknown>; auth: RuleAuth; res: ServerResponse; canRead: (d: Doc, a: RuleAuth) => boolean }
type Rules = Parameters<typeof readRuleOf>[0];

/**
 * Realtime watch for web clients over Server-Sent Events: an `init` event with the current documents, then a
 * `change` event with the documents as they are after each committed write. Reconnecting (EventSource does it by
 * itself) starts again from `init`, so a client never misses a state.
 */
export function createWatchHub(db: Database) {
  const subs = new Set<Subscription>();

  const snapshot = (s: Subscription): Doc[] => {
    const docs = s.docId ? db.find(s.collection, { query: { _id: s.docId } }) : db.find(s.collection, { query: s.where ?? {}, limit: 100 });
    return docs.filter((d) => s.canRead(d, s.auth));
  };
  const send = (s: Subscription, event: string, data: unknown) => s.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  const off = db.onChange((c: DocumentChange) => {
    for (const s of subs) {
      if (s.collection !== c.collection) continue;
      if (s.docId && s.docId !== c.docId) continue;
      if (s.where) {
        const q = new Query(s.where);
        if (!(c.doc && q.test(c.doc)) && !(c.before && q.test(c.before))) continue;
      }
      send(s, 'change', { type: c.type, docId: c.docId, docs: snapshot(s) });
    }
  });
  const ping = setInterval(() => { for (const s of subs) s.res.write(': ping\n\n'); }, 25_000);
  ping.unref();

  return {
    subscribe(sub: Omit<Subscription, 'canRead'> & { rules: Rules }) {
      const rule = readRuleOf(sub.rules);
      const s: Subscription = { ...sub, canRead: (d, a) => rule.allowsDoc(d, a) };
      sub.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'access-control-allow-origin': '*' });
      subs.add(s);
      send(s, 'init', { docs: snapshot(s) });
      sub.res.on('close', () => subs.delete(s));
    },
    size: () => subs.size,
    close() {
      off();
      clearInterval(ping);
      for (const s of subs) s.res.end();
      subs.clear();
    },
  };
}
