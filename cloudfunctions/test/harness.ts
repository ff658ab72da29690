import { startTestCloud, type LocalCloud } from '@daojia/local-cloud';
import type { CallerIdentity } from '@daojia/local-cloud';
import { seedDemo } from '../../scripts/seed';

export type Reply<T = any> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** The real functions on a seeded local cloud, called as a given user (web uid, as dev login yields). */
export async function startSeededCloud() {
  const cloud = await startTestCloud({ functionEnv: { ORDER_RECONCILE_AFTER_SEC: '0.001' }, seed: async (c) => { await seedDemo(c); } });
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
  return { cloud, call, ok, sandbox, close: () => cloud.close() };
}

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

export type { LocalCloud };
