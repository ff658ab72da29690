import { randomUUID, type KeyObject } from 'node:crypto';
import { encryptResource, signResponse, toWechatTime } from '@daojia/integrations';
import type { DeliveryAttempt, OutboxEntry, WechatPayStore } from './wechatpay-store';

/** WeChat Pay's resend intervals in seconds after a failed delivery (~24 h in total). */
export const WECHAT_RESEND_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

export interface OutboxOptions {
  store: WechatPayStore;
  platformKeyId: string;
  platformPrivateKey: KeyObject;
  apiV3Key: string;
  /** Multiplies the resend schedule: 1/60 turns 15 s into 250 ms and 24 h into 24 min. */
  retryScale: number;
  fetch: typeof fetch;
  log: (line: string) => void;
}

const DELIVERY_TIMEOUT_MS = 10_000;

/** Records notifications, delivers them signed and encrypted like WeChat Pay, and resends on a (scaled) schedule. */
export function createOutbox(o: OutboxOptions) {
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  function schedule(id: string, delayMs: number) {
    const t = setTimeout(() => {
      timers.delete(t);
      void deliver(id, false);
    }, delayMs);
    t.unref();
    timers.add(t);
  }

  /** Encrypts `resource` with the APIv3 key inside the standard envelope and stores it (state pending or withheld). */
  function record(input: { kind: OutboxEntry['kind']; ref: string; url: string; eventType: string; summary: string; resource: unknown; send: boolean }): OutboxEntry {
    const now = new Date();
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: toWechatTime(now),
      resource_type: 'encrypt-resource',
      event_type: input.eventType,
      summary: input.summary,
      resource: encryptResource(JSON.stringify(input.resource), o.apiV3Key, input.kind),
    });
    const entry: OutboxEntry = {
      id: (JSON.parse(body) as { id: string }).id,
      kind: input.kind,
      ref: input.ref,
      url: input.url,
      event_type: input.eventType,
      body,
      state: input.send ? 'pending' : 'withheld',
      attempts: [],
      created_at: now.toISOString(),
    };
    o.store.putNotification(entry);
    return entry;
  }

  /**
   * Sends one notification with fresh Wechatpay-* headers (same body and id, as WeChat's resends are). Scheduled
   * attempts continue the resend schedule; manual ones (redeliver) only record their result.
   */
  async function deliver(id: string, manual: boolean): Promise<DeliveryAttempt | undefined> {
    if (closed) return undefined;
    const entry = o.store.notification(id);
    if (!entry || (!manual && entry.state !== 'pending')) return undefined;
    const headers = signResponse({ body: entry.body, serial: o.platformKeyId, privateKey: o.platformPrivateKey, now: new Date() });
    let attempt: DeliveryAttempt;
    try {
      const res = await o.fetch(entry.url, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0 (WechatPay sandbox)' },
        body: entry.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      attempt = { at: new Date().toISOString(), status: res.status, reply: (await res.text()).slice(0, 1000), manual };
    } catch (e) {
      attempt = { at: new Date().toISOString(), status: null, reply: '', error: (e as Error).message, manual };
    }
    if (closed) return attempt;
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    const current = o.store.notification(id) ?? entry;
    current.attempts.push(attempt);
    if (ok) current.state = 'delivered';
    else if (!manual && current.state === 'pending') {
      const automatic = current.attempts.filter((a) => !a.manual).length;
      if (automatic <= WECHAT_RESEND_SCHEDULE_S.length) schedule(id, WECHAT_RESEND_SCHEDULE_S[automatic - 1] * 1000 * o.retryScale);
      else current.state = 'failed';
    }
    o.store.putNotification(current);
    o.log(`[sandbox:wechatpay] ${current.event_type} ${current.ref} → ${entry.url}: ${attempt.status ?? attempt.error}`);
    return attempt;
  }

  /** After a restart, pick the resend schedule up where it stopped. */
  function resumePending() {
    for (const n of o.store.outboxWithState('pending')) {
      const automatic = n.attempts.filter((a) => !a.manual).length;
      schedule(n.id, automatic === 0 ? 0 : WECHAT_RESEND_SCHEDULE_S[Math.min(automatic, WECHAT_RESEND_SCHEDULE_S.length) - 1] * 1000 * o.retryScale);
    }
  }

  function close() {
    closed = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
  }

  return { record, deliver, resumePending, close };
}
