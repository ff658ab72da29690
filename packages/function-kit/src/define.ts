import { z } from 'zod';
import { DomainError } from '@daojia/domain';
import { currentCaller, requireAdmin, requireStaff, requireUser, type Admin, type Caller, type Staff } from './caller';
import { parseInput, toReply, type Reply } from './errors';

type Role = 'public' | 'consumer' | 'merchant' | 'admin';

export interface ActionContext { caller: Caller; staff?: Staff; admin?: Admin; requestId: string }

export interface ActionDef<S extends z.ZodType, R> {
  input: S;
  /** Who may call: public (anyone), consumer (any signed-in user), merchant (store staff), admin (platform staff). */
  role: Role;
  handler: (input: z.infer<S>, ctx: ActionContext) => Promise<R>;
}

/** Keeps each action's input type tied to its schema. */
export const action = <S extends z.ZodType, R>(def: ActionDef<S, R>) => def;

const envelope = z.object({ action: z.string().min(1), data: z.unknown().optional() });

/**
 * A function's thin transport: decode `{action, data}`, resolve the caller, authorize, run the action, reply with
 * `{ok: true, data}` or `{ok: false, code, message}`. Business code never sees an unvalidated input.
 */
export function defineFunction(name: string, actions: Record<string, ActionDef<any, any>>) {
  const log = (msg: string) => console.error(`[${name}] ${msg}`);
  const main = async function main(event: unknown, context?: { request_id?: string }): Promise<Reply<unknown>> {
    try {
      const { action: actionName, data } = parseInput(envelope, event);
      const def = actions[actionName];
      if (!def) throw new DomainError('UNKNOWN_ACTION', `不支持的操作：${actionName}`);
      const caller = currentCaller();
      const ctx: ActionContext = { caller, requestId: context?.request_id ?? '' };
      if (def.role === 'consumer') requireUser(caller);
      if (def.role === 'merchant') ctx.staff = await requireStaff(caller);
      if (def.role === 'admin') ctx.admin = await requireAdmin(caller);
      const input = parseInput(def.input, data ?? {});
      return { ok: true, data: await def.handler(input, ctx) };
    } catch (e) {
      return toReply(e, log);
    }
  };
  // The action table travels with the entry point so docs/API.md is generated from the same schemas.
  return Object.assign(main, { functionName: name, actions });
}
