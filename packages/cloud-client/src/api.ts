import type { z } from 'zod';
import { API, type ActionContract } from '@daojia/domain';
import type { CallOptions, CloudClient } from './types';

type Contracts = Record<string, Record<string, ActionContract>>;
/** The input as a caller writes it (z.input: defaults may be left out); optional when every field of it is. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends X`: X has no required field
type Args<C> = C extends ActionContract<infer I, z.ZodType> ? ({} extends z.input<I> ? [input?: z.input<I>] : [input: z.input<I>]) : never;
type Reply<C> = C extends ActionContract<z.ZodType, infer O> ? Promise<z.output<O>> : never;

/** `api.<function>.<action>(input)` for every action of the map, typed by its schemas. */
export type TypedApi<M extends Contracts = typeof API> = {
  readonly [F in keyof M]: { readonly [A in keyof M[F]]: (...args: Args<M[F][A]>) => Reply<M[F][A]> };
} & {
  /** The same API acting on one store, for staff of several stores: every call carries that `storeId`. */
  withStore(storeId: string): TypedApi<M>;
};

/** How a typed call goes out: a client's `call`, or an app's wrapper around it (e.g. one that opens the login page). */
export type Call = (fn: string, action: string, data: unknown, opts?: CallOptions) => Promise<unknown>;

/**
 * The typed client, generated from the API map: `api.order.create(input)` is `call('order', 'create', input)` with
 * the input typed by the action's input schema and the reply by its output schema, on every platform the client
 * runs on (wx.cloud in WeChat, js-sdk on the web). No function or action name is written by hand in an app.
 */
export function createApi<M extends Contracts = typeof API>(via: CloudClient | Call, options: { map?: M; storeId?: string } = {}): TypedApi<M> {
  const call: Call = typeof via === 'function' ? via : (fn, action, data, opts) => via.call(fn, action, data, opts);
  const map = (options.map ?? API) as M;
  const opts: CallOptions | undefined = options.storeId ? { storeId: options.storeId } : undefined;
  // Plain loops, not Object.fromEntries: mini-program engines may lack newer built-ins and Taro does not polyfill them.
  const api: Record<string, unknown> = {};
  for (const fn of Object.keys(map)) {
    const actions: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const action of Object.keys(map[fn])) actions[action] = (input?: unknown) => call(fn, action, input ?? {}, opts);
    api[fn] = actions;
  }
  api.withStore = (storeId: string) => createApi(via, { map, storeId });
  return api as TypedApi<M>;
}
