import { z } from 'zod';
import { DomainError, type ErrorCode } from '@daojia/domain';
import { currentCaller, requireAdmin, requireStaff, requireUser, type Admin, type Caller, type Staff } from './caller';
import { checkOutput, checkThrown } from './contract';
import { parseInput, toReply, type Reply } from './errors';

type Role = 'public' | 'consumer' | 'merchant' | 'admin';

export interface ActionContext { caller: Caller; staff?: Staff; admin?: Admin; requestId: string }

export interface ActionDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  /** The reply's `data`; docs/API.md shows it and the reply is checked against it (see contract.ts). */
  output: O;
  /** Business error codes this action may reply with, beyond the transport's own (TRANSPORT_ERRORS). */
  errors: readonly ErrorCode[];
  /** Who may call: public (anyone), consumer (any signed-in user), merchant (store staff), admin (platform staff). */
  role: Role;
  handler: (input: z.infer<I>, ctx: ActionContext) => Promise<z.input<O>>;
}

/** Keeps each action's input and reply types tied to its schemas. */
export const action = <I extends z.ZodType, O extends z.ZodType>(def: ActionDef<I, O>) => def;

const envelope = z.object({ action: z.string().min(1), data: z.unknown().optional() });

/**
 * A function's thin transport: decode `{action, data}`, resolve the caller, authorize, run the action, reply with
 * `{ok: true, data}` or `{ok: false, code, message}`. Business code never sees an unvalidated input.
 */
export function defineFunction(name: string, actions: Record<string, ActionDef<any, any>>) {
  const log = (msg: string) => console.error(`[${name}] ${msg}`);
  const main = async function main(event: unknown, context?: { request_id?: string }): Promise<Reply<unknown>> {
    let def: ActionDef<z.ZodType, z.ZodType> | undefined;
    let where = name;
    try {
      const { action: actionName, data } = parseInput(envelope, event);
      def = Object.hasOwn(actions, actionName) ? actions[actionName] : undefined;
      where = `${name}.${actionName}`;
      if (!def) throw new DomainError('UNKNOWN_ACTION', `不支持的操作：${actionName}`);
      const caller = currentCaller();
      const ctx: ActionContext = { caller, requestId: context?.request_id ?? '' };
      if (def.role === 'consumer') requireUser(caller);
      if (def.role === 'merchant') ctx.staff = await requireStaff(caller);
      if (def.role === 'admin') ctx.admin = await requireAdmin(caller);
      const input = parseInput(def.input, data ?? {});
      const result = await def.handler(input, ctx);
      checkOutput(where, def, result, log);
      return { ok: true, data: result };
    } catch (e) {
      if (def) checkThrown(where, def, e, log);
      return toReply(e, log);
    }
  };
  // The action table travels with the entry point so docs/API.md is generated from the same schemas.
  return Object.assign(main, { functionName: name, actions });
}
