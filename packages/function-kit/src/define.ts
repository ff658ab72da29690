import { z } from 'zod';
import { DomainError, type ErrorCode } from '@daojia/domain';
import { currentCaller, requireAdmin, requireStaff, requireUser, type Admin, type Caller, type Staff, type StaffRole } from './caller';
import { checkOutput, checkThrown } from './contract';
import { parseInput, toReply, type Reply } from './errors';
import { log, runInRequestContext, updateRequestContext, type CallerKind } from './log';

/**
 * Who may call: public (anyone, anonymous included), consumer (a real signed-in user: anonymous sign-ins are
 * refused), merchant (store staff of the listed roles, acting on their own store), admin (platform staff).
 */
export type Access =
  | { role: 'public' | 'consumer' | 'admin'; staffRoles?: never }
  | { role: 'merchant'; staffRoles: readonly StaffRole[] };

export interface ActionContext { caller: Caller; staff?: Staff; admin?: Admin; requestId: string }

export type ActionDef<I extends z.ZodType, O extends z.ZodType> = Access & {
  input: I;
  /** The reply's `data`; docs/API.md shows it and the reply is checked against it (see contract.ts). */
  output: O;
  /** Business error codes this action may reply with, beyond the transport's own (TRANSPORT_ERRORS). */
  errors: readonly ErrorCode[];
  handler: (input: z.infer<I>, ctx: ActionContext) => Promise<z.input<O>>;
};

/** Keeps each action's input and reply types tied to its schemas. */
export const action = <I extends z.ZodType, O extends z.ZodType>(def: ActionDef<I, O>) => def;

/** Before authorization: a signed-in user, an anonymous sign-in, or no end user (a function or script calling). */
const endUserKind = (caller: Caller): CallerKind => (!caller.userKey ? 'server' : caller.isAnonymous ? 'anonymous' : 'consumer');

const envelope = z.object({ action: z.string().min(1), data: z.unknown().optional() });

/**
 * A function's thin transport: decode `{action, data}`, resolve the caller, authorize, run the action, reply with
 * `{ok: true, data}` or `{ok: false, code, message}`. Business code never sees an unvalidated input.
 */
export function defineFunction(name: string, actions: Record<string, ActionDef<any, any>>) {
  const report = (msg: string, fields?: Record<string, unknown>) => log.error(msg, fields);
  // Each run has its request context (function, action, request id, caller kind) for `log` and `requestContext()`.
  const main = (event: unknown, context?: { request_id?: string }): Promise<Reply<unknown>> =>
    runInRequestContext({ function: name, requestId: context?.request_id ?? '', callerKind: 'server' }, () => run(event, context));
  const run = async function main(event: unknown, context?: { request_id?: string }): Promise<Reply<unknown>> {
    let def: ActionDef<z.ZodType, z.ZodType> | undefined;
    let where = name;
    try {
      const { action: actionName, data } = parseInput(envelope, event);
      def = Object.hasOwn(actions, actionName) ? actions[actionName] : undefined;
      where = `${name}.${actionName}`;
      if (!def) throw new DomainError('UNKNOWN_ACTION', `不支持的操作：${actionName}`);
      const caller = currentCaller();
      updateRequestContext({ action: actionName, callerKind: endUserKind(caller) });
      const ctx: ActionContext = { caller, requestId: context?.request_id ?? '' };
      if (def.role === 'consumer') requireUser(caller);
      if (def.role === 'merchant') ctx.staff = await requireStaff(caller, def.staffRoles);
      if (def.role === 'admin') ctx.admin = await requireAdmin(caller);
      if (ctx.staff) updateRequestContext({ callerKind: 'staff' });
      if (ctx.admin) updateRequestContext({ callerKind: 'platform' });
      const input = parseInput(def.input, data ?? {});
      const result = await def.handler(input, ctx);
      checkOutput(where, def, result, report);
      return { ok: true, data: result };
    } catch (e) {
      if (def) checkThrown(where, def, e, report);
      return toReply(e, report);
    }
  };
  // The action table travels with the entry point so docs/API.md is generated from the same schemas.
  return Object.assign(main, { functionName: name, actions });
}
