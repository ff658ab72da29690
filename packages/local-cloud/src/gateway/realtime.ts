import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { EJSON } from 'bson';
import { Query } from 'mingo';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Router } from '../http/router';
import type { SitePolicy } from '../http/policy';
import { sendJson } from '../http/router';
import type { Database, Doc, DocumentChange } from '../db';
import { decode } from '../db/ejson';
import { MAX_LIMIT, type SortSpec } from '../db/engine';
import { checkQuery } from '../db/operators';
import { CloudError, asCloudError } from '../errors';
import { jsonBody } from './http';
import { allowsAccess, bindCaller, readRuleOf, type RuleAuth } from './rules';
import type { TokenIssuer, WebIdentity } from './tokens';

const WS_PATH = '/ws/realtime';
/** How many event ids a watch remembers, so a client that reconnects is replayed exactly what it missed. */
const REPLAY_EVENTS = 200;
/** How long a watch outlives its socket, waiting for the client's REBUILD_WATCH after a reconnect. */
const RESUME_GRACE_MS = 5 * 60_000;

/** An event as @cloudbase/realtime reads it (`getPublicEvent`): Doc/UpdatedFields are JSON strings, and it parses `removedFields` (lower case) whenever either spelling is present. */
interface WireEvent {
  ID: number;
  DataType: string;
  QueueType: string;
  DocID: string;
  Doc: string;
  UpdatedFields?: string;
  removedFields?: string;
  RemovedFields?: string;
}
interface Conn {
  ws: WebSocket;
  token?: string;
  sid?: string;
  queue: Promise<void>;
}
interface Watch {
  queryID: string;
  uid: string;
  collection: string;
  query: Record<string, unknown>;
  filter: Query;
  order?: SortSpec;
  limit?: number;
  canRead: (d: Doc) => boolean;
  view: Map<string, Doc>;
  currEvent: number;
  log: WireEvent[];
  conn?: Conn;
  watchId?: string;
  expiry?: NodeJS.Timeout;
}

const base = { requestId: z.string().min(1), watchId: z.string().nullish() };
const watched = { ...base, watchId: z.string().min(1) };
const ack = z.object({ queryID: z.string().min(1), eventID: z.number().int() });
const message = z.discriminatedUnion('msgType', [
  z.object({ ...base, msgType: z.literal('LOGIN'), msgData: z.object({ envId: z.string().nullish() }).nullish(), exMsgData: z.object({ signStr: z.string().min(1) }) }),
  z.object({
    ...watched,
    msgType: z.literal('INIT_WATCH'),
    msgData: z.object({ collName: z.string().min(1), query: z.string(), limit: z.number().int().positive().nullish(), orderBy: z.record(z.string(), z.enum(['asc', 'desc'])).nullish() }),
  }),
  z.object({ ...watched, msgType: z.literal('REBUILD_WATCH'), msgData: ack.extend({ collName: z.string().min(1) }) }),
  z.object({ ...watched, msgType: z.literal('CHECK_LAST'), msgData: ack }),
  z.object({ ...watched, msgType: z.literal('CLOSE_WATCH') }),
  z.object({ ...base, msgType: z.literal('PING') }),
]);
type Message = z.infer<typeof message>;

/** Relaxed EJSON inside JSON, like the REST gateway: the SDK hands `Doc` to the app after a plain JSON.parse. */
const wire = (value: object) => JSON.stringify(EJSON.serialize(value, { relaxed: true }));

/** Token failures become the protocol's sign errors, on which the SDK fetches a fresh sign and logs in again. */
const PROTOCOL_CODE: Record<string, string> = { UNAUTHENTICATED: 'CHECK_LOGIN_FAILED', ACCESS_TOKEN_EXPIRED: 'SIGN_EXPIRED_ERROR', INVALID_ACCESS_TOKEN: 'SIGN_INVALID_ERROR' };

/**
 * The server half of @cloudbase/js-sdk's realtime `watch()` (read from its source, @cloudbase/realtime 3.7.0):
 * `POST /web {action: 'auth.wsWebSign'}` hands out the socket URL and a sign, then JSON messages over the socket —
 * LOGIN, INIT_WATCH → INIT_EVENT, pushed NEXT_EVENTs, CHECK_LAST → CHECK_EVENT, REBUILD_WATCH, CLOSE_WATCH, PING → PONG.
 * Read rules are enforced like the REST gateway: a query must be provably readable, and every document sent is checked.
 */
export function mountRealtime({ router, server, db, tokens, policy }: { router: Router; server: Server; db: Database; tokens: TokenIssuer; policy?: () => SitePolicy | undefined }) {
  const wss = new WebSocketServer({ noServer: true });
  const watches = new Map<string, Watch>();

  router.add('POST', '/web', async (req, res) => {
    // CloudBase's /web answers HTTP 200 with `{code, message}` on failure; the SDK reports `res.code`.
    const reply = (body: object) => sendJson(res, 200, { requestId: randomUUID(), ...body });
    try {
      const body = (jsonBody(req) ?? {}) as Record<string, unknown>;
      if (body.action !== 'auth.wsWebSign') throw new CloudError('INVALID_PARAM', `action ${String(body.action)} is not supported by the local cloud's /web endpoint (only auth.wsWebSign)`);
      const token = typeof body.access_token === 'string' && body.access_token ? body.access_token : req.headers.authorization?.replace(/^Bearer\s+/i, '');
      await tokens.verify(token ? `Bearer ${token}` : undefined);
      const scheme = req.headers['x-forwarded-proto'] === 'https' ? 'wss' : 'ws';
      // The sign is the caller's own access token, verified again at LOGIN: it grants nothing the caller does not
      // already hold (a login ticket would, since it can be exchanged for a refresh token).
      reply({
        data: { signStr: token, wsUrl: `${scheme}://${req.headers.host}${WS_PATH}`, secretVersion: '1', envId: String(body.env ?? req.query.get('env') ?? ''), expiredTs: Date.now() + 60_000 },
      });
    } catch (e) {
      const err = asCloudError(e);
      reply({ code: err.code, message: err.message });
    }
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://local').pathname !== WS_PATH) {
      if (server.listenerCount('upgrade') === 1) socket.destroy(); // nobody else will answer it
      return;
    }
    const refusal = policy?.()?.upgradeRefusal(req);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify({ code: refusal.code, message: refusal.message })}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  };
  server.on('upgrade', onUpgrade);

  const send = (conn: Conn | undefined, msg: object) => {
    if (conn && conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(msg));
  };
  const fail = (conn: Conn, to: { requestId?: string; watchId?: string | null }, e: unknown) => {
    const err = asCloudError(e);
    send(conn, { watchId: to.watchId ?? undefined, requestId: to.requestId ?? '', msgType: 'ERROR', msgData: { code: PROTOCOL_CODE[err.code] ?? err.code, message: err.message } });
  };

  const conns = new Set<Conn>();
  // A signed-out session's sockets are cut; reconnecting needs its token, which no longer verifies.
  const offSignOut = tokens.onSignOut((sid) => {
    for (const c of conns) if (c.sid === sid) c.ws.terminate();
  });

  function connect(ws: WebSocket) {
    const conn: Conn = { ws, queue: Promise.resolve() };
    conns.add(conn);
    ws.on('error', () => {}); // a broken socket ends in 'close'; nothing to add
    // One message at a time per socket: LOGIN must have settled before the INIT_WATCH behind it is judged.
    ws.on('message', (data: RawData) => {
      conn.queue = conn.queue.then(() => receive(conn, data.toString())).catch(() => ws.terminate());
    });
    ws.on('close', () => {
      conns.delete(conn);
      for (const w of watches.values()) {
        if (w.conn !== conn) continue;
        w.conn = undefined;
        w.expiry = setTimeout(() => watches.delete(w.queryID), RESUME_GRACE_MS).unref();
      }
    });
  }

  /** Tokens expire while sockets stay open, so each new watch re-checks the one LOGIN presented. */
  async function caller(conn: Conn): Promise<WebIdentity> {
    if (!conn.token) throw new CloudError('UNAUTHENTICATED', 'send LOGIN before watching');
    return tokens.verify(`Bearer ${conn.token}`);
  }

  function owned(conn: Conn, m: { watchId: string; msgData: { queryID: string } }, who?: WebIdentity): Watch {
    const w = watches.get(m.msgData.queryID);
    if (!w || (who ? w.uid !== who.uid : w.conn !== conn)) throw new CloudError('QUERYID_INVALID_ERROR', `no watch ${m.msgData.queryID} for this client`);
    return w;
  }

  async function receive(conn: Conn, text: string) {
    let raw: any;
    try {
      raw = JSON.parse(text);
    } catch {
      return fail(conn, {}, new CloudError('INVALID_PARAM', 'a message must be JSON'));
    }
    const parsed = message.safeParse(raw);
    if (!parsed.success) {
      // Answer to the ids the client is waiting on, when it sent them, so it fails fast instead of timing out.
      const to = { requestId: typeof raw?.requestId === 'string' ? raw.requestId : undefined, watchId: typeof raw?.watchId === 'string' ? raw.watchId : undefined };
      return fail(conn, to, new CloudError('INVALID_PARAM', parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')));
    }
    const m: Message = parsed.data;
    try {
      switch (m.msgType) {
        case 'LOGIN':
          conn.sid = (await tokens.verify(`Bearer ${m.exMsgData.signStr}`)).sid;
          conn.token = m.exMsgData.signStr;
          return send(conn, { requestId: m.requestId, msgType: 'LOGIN_RES', msgData: { envId: m.msgData?.envId ?? '' } });
        case 'INIT_WATCH': {
          const w = open(await caller(conn), m.msgData);
          for (const old of watches.values()) if (old.conn === conn && old.watchId === m.watchId) watches.delete(old.queryID); // a retried INIT_WATCH
          Object.assign(w, { conn, watchId: m.watchId });
          watches.set(w.queryID, w);
          const events = [...w.view].map(([id, doc]): WireEvent => ({ ID: w.currEvent, DataType: 'init', QueueType: 'init', DocID: id, Doc: wire(doc) }));
          return send(conn, { watchId: m.watchId, requestId: m.requestId, msgType: 'INIT_EVENT', msgData: { queryID: w.queryID, currEvent: w.currEvent, events } });
        }
        case 'REBUILD_WATCH': {
          const w = owned(conn, m, await caller(conn));
          const { eventID } = m.msgData;
          const oldest = w.log[0]?.ID ?? w.currEvent + 1;
          if (w.collection !== m.msgData.collName || eventID > w.currEvent || (eventID < w.currEvent && oldest > eventID + 1)) {
            throw new CloudError('QUERYID_INVALID_ERROR', `watch ${w.queryID} cannot be resumed from event ${eventID}; watch again`);
          }
          clearTimeout(w.expiry);
          if (w.conn && w.conn !== conn) w.conn.ws.terminate(); // the old socket is a ghost the client has given up on
          Object.assign(w, { conn, watchId: m.watchId });
          return send(conn, {
            watchId: m.watchId,
            requestId: m.requestId,
            msgType: 'NEXT_EVENT',
            msgData: { queryID: w.queryID, currEvent: w.currEvent, events: w.log.filter((e) => e.ID > eventID) },
          });
        }
        case 'CHECK_LAST': {
          const w = owned(conn, m);
          return send(conn, { watchId: m.watchId, requestId: m.requestId, msgType: 'CHECK_EVENT', msgData: { queryID: w.queryID, currEvent: w.currEvent } });
        }
        case 'CLOSE_WATCH':
          for (const w of watches.values())
            if (w.conn === conn && w.watchId === m.watchId) {
              clearTimeout(w.expiry);
              watches.delete(w.queryID);
            }
          return;
        case 'PING':
          return send(conn, { requestId: m.requestId, msgType: 'PONG', msgData: null });
      }
    } catch (e) {
      fail(conn, m, e);
    }
  }

  /** A new watch with its initial view, or a refusal when the rule does not cover the query. */
  function open(who: WebIdentity, spec: Extract<Message, { msgType: 'INIT_WATCH' }>['msgData']): Watch {
    const collection = spec.collName;
    if (!db.rules[collection]) throw new CloudError('PERMISSION_DENIED', `collection ${collection} has no security rules: clients may not watch it`);
    const auth: RuleAuth = { openid: who.uid, uid: who.uid };
    const query = bindCaller(decode(spec.query, 'query') ?? {}, auth);
    if (typeof query !== 'object' || Array.isArray(query)) throw new CloudError('INVALID_PARAM', 'query must be an object');
    // The watch filters changes itself, so it must refuse what the database would ($where, unknown operators).
    checkQuery(query);
    const rule = readRuleOf(db.rules[collection]);
    if (!allowsAccess(rule, query, auth, (id) => db.find(collection, { query: { _id: id } })[0])) {
      throw new CloudError('PERMISSION_DENIED', 'the security rule does not allow this watch; a query must name only documents the rule permits (e.g. include _openid)');
    }
    const order: SortSpec | undefined = spec.orderBy && Object.keys(spec.orderBy).length ? Object.entries(spec.orderBy).map(([f, d]) => [f, d === 'desc' ? -1 : 1]) : undefined;
    const w: Watch = {
      queryID: randomUUID(),
      uid: who.uid,
      collection,
      query,
      filter: new Query(query),
      order,
      limit: spec.limit ? Math.min(spec.limit, MAX_LIMIT) : undefined,
      canRead: (d) => rule.allowsDoc(d, auth),
      view: new Map(),
      currEvent: 1,
      log: [],
    };
    w.view = window(w);
    return w;
  }

  const window = (w: Watch) =>
    new Map(
      db
        .find(w.collection, { query: w.query, order: w.order, limit: w.limit ?? MAX_LIMIT })
        .filter(w.canRead)
        .map((d) => [String(d._id), d]),
    );

  /**
   * Turns one committed change into the events that move the client's view to the new one. Without a limit only the
   * changed document can enter or leave; with one, the window is recomputed and others may be pushed in or out.
   */
  function advance(w: Watch, c: DocumentChange) {
    const wasIn = w.view.has(c.docId);
    const matches = !!c.doc && w.filter.test(c.doc) && w.canRead(c.doc);
    if (!wasIn && !matches) return;
    let next: Map<string, Doc>;
    if (w.limit) next = window(w);
    else {
      next = new Map(w.view);
      if (matches) next.set(c.docId, c.doc!);
      else next.delete(c.docId);
    }
    const ID = w.currEvent + 1;
    const events: WireEvent[] = [];
    const fields = { UpdatedFields: wire(c.updatedFields), removedFields: JSON.stringify(c.removedFields), RemovedFields: JSON.stringify(c.removedFields) };
    const isIn = next.has(c.docId);
    const doc = next.get(c.docId) ?? c.doc;
    if (wasIn && isIn) events.push({ ID, DataType: 'update', QueueType: 'update', DocID: c.docId, Doc: wire(doc!), ...fields });
    else if (wasIn && c.type === 'delete') events.push({ ID, DataType: 'remove', QueueType: 'dequeue', DocID: c.docId, Doc: '' });
    // Leaving the view: the new content goes out only if the caller may still read it.
    else if (wasIn)
      events.push(
        c.doc && w.canRead(c.doc)
          ? { ID, DataType: 'update', QueueType: 'dequeue', DocID: c.docId, Doc: wire(c.doc), ...fields }
          : { ID, DataType: 'update', QueueType: 'dequeue', DocID: c.docId, Doc: '' },
      );
    else if (isIn)
      events.push(
        c.type === 'insert'
          ? { ID, DataType: 'add', QueueType: 'enqueue', DocID: c.docId, Doc: wire(doc!) }
          : { ID, DataType: 'update', QueueType: 'enqueue', DocID: c.docId, Doc: wire(doc!), ...fields },
      );
    for (const id of w.view.keys()) if (id !== c.docId && !next.has(id)) events.push({ ID, DataType: 'limit', QueueType: 'dequeue', DocID: id, Doc: '' });
    for (const [id, d] of next) if (id !== c.docId && !w.view.has(id)) events.push({ ID, DataType: 'limit', QueueType: 'enqueue', DocID: id, Doc: wire(d) });
    if (!events.length) return;
    w.view = next;
    w.currEvent = ID;
    w.log = [...w.log.filter((e) => e.ID > ID - REPLAY_EVENTS), ...events];
    send(w.conn, { watchId: w.watchId, requestId: randomUUID(), msgType: 'NEXT_EVENT', msgData: { queryID: w.queryID, currEvent: ID, events } });
  }

  const off = db.onChange((c) => {
    for (const w of watches.values()) {
      if (w.collection !== c.collection) continue;
      // One watch that cannot follow (say, a document EJSON cannot carry) ends alone instead of starving the rest.
      try {
        advance(w, c);
      } catch (e) {
        watches.delete(w.queryID);
        if (w.conn) fail(w.conn, { watchId: w.watchId, requestId: randomUUID() }, e);
      }
    }
  });

  return {
    /** Drops every socket as a network failure would (clients reconnect and resume); for tests. */
    dropConnections() {
      for (const ws of wss.clients) ws.terminate();
    },
    async close() {
      server.off('upgrade', onUpgrade);
      off();
      offSignOut();
      for (const w of watches.values()) clearTimeout(w.expiry);
      watches.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
