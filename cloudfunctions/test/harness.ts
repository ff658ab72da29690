import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startTestCloud, type LocalCloud } from '@daojia/local-cloud';
import type { CallerIdentity } from '@daojia/local-cloud';
import { encryptResource, signResponse, loadPrivateKey } from '@daojia/integrations';
import { seedDemo } from '../../scripts/seed';

export type Reply<T = any> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** The real functions on a seeded local cloud, called as a given user (web uid, as dev login yields). */
export async function startSeededCloud(functionEnv?: Record<string, string>, opts: { triggers?: boolean } = {}) {
  const cloud = await startTestCloud({
    functionEnv,
    ...opts,
    seed: async (c) => {
      await seedDemo(c);
    },
  });
  // docs/API.md promises what the action declarations say; function-kit logs a reply that breaks them.
  const breaches: string[] = [];
  // A breach is a JSON log line (function-kit's log) whose kind is contract_breach and whose msg starts with it.
  const isBreach = (line: string) => line.includes('"kind":"contract_breach"') || line.includes('contract breach:');
  cloud.functions.onInvocation((inv) => breaches.push(...inv.logs.filter(isBreach)));
  const call = <T = any>(user: string | CallerIdentity, fn: string, action: string, data: unknown = {}) =>
    cloud.functions.invoke(fn, { action, data }, typeof user === 'string' ? { uid: user, customUserId: user } : user) as Promise<Reply<T>>;
  const ok = async <T = any>(user: string | CallerIdentity, fn: string, action: string, data: unknown = {}): Promise<T> => {
    const r = await call<T>(user, fn, action, data);
    if (!r.ok) throw new Error(`${fn}.${action} failed: ${r.code} ${r.message}`);
    return r.data;
  };
  const sandbox = async (path: string, body: unknown) => {
    const res = await fetch(`${cloud.url}/sandbox/wechatpay${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  const timer = (triggerName: string) => runTimer(cloud, triggerName);
  const close = async () => {
    await cloud.close();
    if (breaches.length) throw new Error(`functions broke their declared contract:\n${[...new Set(breaches)].join('\n')}`);
  };
  /** Reads straight from the database, past functions and rules: what a test checks the functions did. */
  const doc = (collection: string, id: string) => cloud.db.find(collection, { query: { _id: id } })[0] as any;
  const count = (collection: string, query: Record<string, unknown>) => cloud.db.find(collection, { query }).length;
  return { cloud, call, ok, sandbox, timer, doc, count, close };
}

/** A timer run exactly as CloudBase starts one: a plain invocation, overlapping any run still in progress. */
export const runTimer = (cloud: LocalCloud, triggerName: string, fn = 'orderTimers') =>
  cloud.functions.invoke(fn, { Type: 'Timer', TriggerName: triggerName, Time: new Date().toISOString(), Message: '' }, { source: 'timer' }, 'timer') as Promise<{ job: string; handled: number }>;

export const CONSUMER = 'demo-consumer-1';
export const NEW_CONSUMER = 'demo-consumer-2';
export const MERCHANT = 'demo-merchant-001';
export const STORE = 'store-001';

export const prepayIdOf = (pkg: string) => pkg.replace(/^prepay_id=/, '');

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The sandbox's generated merchant ids and platform keys (what WeChat Pay would hold). */
export const sandboxKeys = (cloud: LocalCloud) => JSON.parse(readFileSync(path.join(cloud.dataDir, 'sandbox', 'wechatpay.json'), 'utf8'));

export interface NotificationTweak {
  serial?: string;
  now?: Date;
  signWith?: string;
  body?: (envelope: any) => void;
}

/**
 * A notification built the way WeChat Pay builds one, with the sandbox's platform key and APIv3 key, so a test can
 * send what the sandbox never would (a wrong amount, a forged signature) to the real notification functions.
 */
export function signedNotification(cloud: LocalCloud, event: { type: string; summary: string; originalType: 'transaction' | 'refund'; resource: object }, tweak: NotificationTweak = {}) {
  const keys = sandboxKeys(cloud);
  const envelope: any = {
    id: randomUUID(),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: event.type,
    summary: event.summary,
    resource: { original_type: event.originalType, ...encryptResource(JSON.stringify(event.resource), keys.apiV3Key, event.originalType) },
  };
  tweak.body?.(envelope);
  const body = JSON.stringify(envelope);
  const headers = signResponse({ body, serial: tweak.serial ?? keys.platformKeyId, privateKey: loadPrivateKey(tweak.signWith ?? keys.platformPrivateKey), now: tweak.now ?? new Date() });
  return { body, headers: { ...headers, 'content-type': 'application/json' } };
}

export const postNotification = (cloud: LocalCloud, fn: 'payNotify' | 'refundNotify', n: { body: string; headers: Record<string, string> }) =>
  fetch(`${cloud.url}/http/${fn}`, { method: 'POST', body: n.body, headers: n.headers });

export type { LocalCloud };
