import { z } from 'zod';
import { DomainError, PERMISSIONS, isPermission, type AudienceOf, type ErrorCode, type Permission } from '@daojia/domain';
import { actingStaff, platformAdmin, platformScope, principalFor, type Access, type Admin, type Staff } from '@daojia/modules/access';
import { currentCaller, log, runInRequestContext, updateRequestContext, type Caller, type CallerKind } from '@daojia/modules/runtime';
import { requireUser } from './caller';
import { checkOutput, checkThrown } from './contract';
import { parseInput, toReply, type Reply } from './errors';

/** What every action's handler gets: the caller (from the platform, never the event) and the request id. */
export interface BaseContext {
  caller: Caller;
  requestId: string;
}
/** A staff action: the caller's staff row for the store the call acts on, and everything the policy knows of them. */
export interface StaffContext extends BaseContext {
  staff: Staff;
  access: Access;
}
/**
 * A platform action: the caller's admin record and `scope`, the query filter of what they may see (`{}` or their
 * regions); `regionScope(region)` narrows it to a region they asked for (FORBIDDEN outside their own).
 */
export interface PlatformContext extends BaseContext {
  admin: Admin;
  scope: Record<string, unknown>;
  regionScope: (region?: string) => Record<string, unknown>;
  access: Access;
}

/** The handler's context follows the declared permission's audience, so staff and admin are there by type. */
export type ContextFor<P extends Permission> = AudienceOf<P> extends 'staff' ? StaffContext : AudienceOf<P> extends 'platform' ? PlatformContext : BaseContext;
/** Any action's context, for code that serves several audiences. */
export type ActionContext = BaseContext & Partial<Omit<StaffContext & PlatformContext, keyof BaseContext>>;

export interface ActionDef<I extends z.ZodType, O extends z.ZodType, P extends Permission = Permission> {
  /**
   * Who may call, as a permission of the catalogue (`packages/domain/src/access/permissions.ts`): its audience and
   * the roles holding it. Checked before the input is read.
   */
  permission: P;
  input: I;
  /** The reply's `data`; docs/API.md shows it and the reply is checked against it (see contract.ts). */
  output: O;
  /** Business error codes this action may reply with, beyond the transport's own (TRANSPORT_ERRORS). */
  errors: readonly ErrorCode[];
  handler(input: z.infer<I>, ctx: ContextFor<P>): Promise<z.input<O>>;
}

/**
 * An action as a function's table holds it. Not `ActionDef<any, any, any>`: as the contextual type of `action(...)`
 * that would infer every permission as `any` and type every handler's context as the base one.
 */
export interface AnyActionDef {
  permission: Permission;
  input: z.ZodType;
  output: z.ZodType;
  errors: readonly ErrorCode[];
  handler(input: never, ctx: never): Promise<unknown>;
}

/** Keeps each action's input and reply types tied to its schemas, and its context to its permission. */
export const action = <I extends z.ZodType, O extends z.ZodType, P extends Permission>(def: ActionDef<I, O, P>) => def;

/**
 * Authorizes the caller for `permission` and builds the context its audience promises. Staff: the store acted on is
 * the envelope's `storeId`, or the only store the caller works at. Refusals are UNAUTHENTICATED, FORBIDDEN (saying
 * who may) or STORE_REQUIRED.
 */
async function contextFor(permission: Permission, base: BaseContext, storeId: string | undefined): Promise<ActionContext> {
  const { audience } = PERMISSIONS[permission];
  if (audience === 'public') return base;
  requireUser(base.caller);
  if (audience === 'consumer') return base;
  const access = await principalFor(base.caller);
  if (audience === 'staff') return { ...base, access, staff: actingStaff(access, permission, storeId) };
  const admin = platformAdmin(access, permission);
  return { ...base, access, admin, scope: platformScope(access), regionScope: (region?: string) => platformScope(access, region) };
}

/** Before authorization: a signed-in user, an anonymous sign-in, or no end user (a function or script calling). */
const endUserKind = (caller: Caller): CallerKind => (!caller.userKey ? 'server' : caller.isAnonymous ? 'anonymous' : 'consumer');

/** `storeId`: the store a staff call acts on, for someone who works at several (see contextFor). */
const envelope = z.object({ action: z.string().min(1), data: z.unknown().optional(), storeId: z.string().min(1).max(64).optional() });

/**
 * A function's thin transport: decode `{action, data}`, resolve the caller, authorize, run the action, reply with
 * `{ok: true, data}` or `{ok: false, code, message}`. Business code never sees an unvalidated input.
 */
export function defineFunction(name: string, actions: Record<string, AnyActionDef>) {
  // A typo in a permission name would otherwise surface only when the action is called.
  for (const [actionName, def] of Object.entries(actions)) {
    if (!isPermission(def.permission)) throw new Error(`${name}.${actionName} declares unknown permission ${String(def.permission)}`);
  }
  const report = (msg: string, fields?: Record<string, unknown>) => log.error(msg, fields);
  // Each run has its request context (function, action, request id, caller kind) for `log` and `requestContext()`.
  const main = (event: unknown, context?: { request_id?: string }): Promise<Reply<unknown>> =>
    runInRequestContext({ function: name, requestId: context?.request_id ?? '', callerKind: 'server' }, () => run(event, context));
  const run = async function main(event: unknown, context?: { request_id?: string }): Promise<Reply<unknown>> {
    let def: AnyActionDef | undefined;
    let where = name;
    try {
      const { action: actionName, data, storeId } = parseInput(envelope, event);
      def = Object.hasOwn(actions, actionName) ? actions[actionName] : undefined;
      where = `${name}.${actionName}`;
      if (!def) throw new DomainError('UNKNOWN_ACTION', `不支持的操作：${actionName}`);
      const caller = currentCaller();
      updateRequestContext({ action: actionName, callerKind: endUserKind(caller) });
      const ctx = await contextFor(def.permission, { caller, requestId: context?.request_id ?? '' }, storeId);
      if (ctx.staff) updateRequestContext({ callerKind: 'staff' });
      if (ctx.admin) updateRequestContext({ callerKind: 'platform' });
      const input = parseInput(def.input, data ?? {});
      const result = await (def.handler as (input: unknown, ctx: ActionContext) => Promise<unknown>)(input, ctx);
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
