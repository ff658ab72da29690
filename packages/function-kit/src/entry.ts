import { z } from 'zod';
import { ERROR_CODES } from '@daojia/domain';
import { hasEndUser } from './caller';
import type { Reply } from './errors';
import type { HttpEvent } from './http';

/**
 * Entry points that only the platform starts: timers and HTTP callbacks. CloudBase lets any signed-in client call
 * any function by name, so such a function must itself refuse what its trigger would never send. A client call
 * always carries an end user (WX_OPENID in WeChat, TCB_UUID on the web, anonymous sign-ins included); a timer or an
 * HTTP-access call never does. The refusal is an ordinary reply, so the client sees why, and nothing has run.
 */
const refusal = (name: string, why: string): Reply<never> => {
  console.error(`[${name}] refused: ${why}`);
  return { ok: false, code: 'PERMISSION_DENIED', message: ERROR_CODES.PERMISSION_DENIED };
};

/** What CloudBase sends a timer: `{Type: 'Timer', TriggerName, Time, Message}`. */
const timerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string(), Message: z.string().optional() });

/**
 * A timer function: `jobs` maps each trigger name declared in cloudbaserc.json to its job. A call that is not a
 * timer event naming one of them, or that carries an end user, is refused.
 */
export function defineTimer(name: string, jobs: Record<string, () => Promise<number>>) {
  const main = async function main(event: unknown): Promise<{ job: string; handled: number } | Reply<never>> {
    if (hasEndUser()) return refusal(name, 'called by an end user, not by its timer');
    const parsed = timerEvent.safeParse(event);
    if (!parsed.success) return refusal(name, 'the event is not a timer event');
    const job = Object.hasOwn(jobs, parsed.data.TriggerName) ? jobs[parsed.data.TriggerName] : undefined;
    if (!job) return refusal(name, `no timer named ${parsed.data.TriggerName}`);
    return { job: parsed.data.TriggerName, handled: await job() };
  };
  return Object.assign(main, { functionName: name, timers: Object.keys(jobs) });
}

const httpEvent = z.object({ httpMethod: z.string(), path: z.string(), headers: z.record(z.string(), z.string()), body: z.string().optional() });

/** An HTTP-triggered callback (payment, refund): refused unless the event is an HTTP request with no end user. */
export function defineHttpCallback<R>(name: string, handle: (event: HttpEvent) => Promise<R>) {
  return async function main(event: unknown): Promise<R | Reply<never>> {
    if (hasEndUser()) return refusal(name, 'called by an end user, not through its HTTP trigger');
    if (!httpEvent.safeParse(event).success) return refusal(name, 'the event is not an HTTP request');
    return handle(event as HttpEvent);
  };
}
