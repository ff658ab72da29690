import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who started the invocation, as far as the invocation can tell: an end user (consumer, anonymous sign-in), a user
 * acting as store staff or platform staff (known once the action has authorized them), the platform itself (timer,
 * HTTP trigger, database trigger), or `server`: another function or a script calling with server credentials.
 */
export type CallerKind = 'consumer' | 'staff' | 'platform' | 'anonymous' | 'timer' | 'http' | 'trigger' | 'server';

export interface RequestContext {
  function: string;
  /** The action (defineFunction), timer trigger name (defineTimer) or HTTP path (defineHttpCallback), once known. */
  action?: string;
  /**
   * The request being served: CloudBase's request id of this invocation, unless code running for another request
   * (an order-event subscriber) set that request's id with `withRequestContext`, so one request can be followed.
   */
  requestId: string;
  callerKind: CallerKind;
  /** This invocation's own request id, when `requestId` names another (originating) request. */
  invocationId?: string;
}

type Level = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

// One store per bundle: each function is bundled with its own copy of function-kit, and so is its context.
const storage = new AsyncLocalStorage<RequestContext>();

/** The current invocation's context (a copy), or undefined outside an invocation (scripts, module init). */
export function requestContext(): RequestContext | undefined {
  const ctx = storage.getStore();
  return ctx && { ...ctx };
}

/** Runs `fn` as (part of) an invocation; the entry points call it. */
export function runInRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run({ ...ctx }, fn);
}

/**
 * Runs `fn` with parts of the context replaced, e.g. an order-event subscriber running for the request that
 * appended the event: `withRequestContext({ requestId: event.requestId }, run)`. The invocation's own id is kept as
 * `invocationId`, so a line can be found from either request.
 */
export function withRequestContext<T>(patch: Partial<RequestContext>, fn: () => T): T {
  const outer = storage.getStore();
  const base: RequestContext = outer ?? { function: '', requestId: '', callerKind: 'server' };
  const next: RequestContext = { ...base, ...patch };
  if (patch.requestId && base.requestId && patch.requestId !== base.requestId && !next.invocationId) next.invocationId = base.invocationId ?? base.requestId;
  return storage.run(next, fn);
}

/** Fills in what the entry point learns during the run (the action once decoded, the caller once authorized). */
export function updateRequestContext(patch: Partial<Pick<RequestContext, 'action' | 'callerKind'>>): void {
  const ctx = storage.getStore();
  if (ctx) Object.assign(ctx, patch);
}

/** An Error as plain JSON (JSON.stringify drops its message and stack), with a DomainError's code and a cause. */
export function serializeError(e: Error, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { name: e.name, message: e.message, stack: e.stack };
  const code = (e as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (e.cause !== undefined && depth < 3) out.cause = e.cause instanceof Error ? serializeError(e.cause, depth + 1) : e.cause;
  return out;
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Error) return serializeError(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The JSON line of one record: the context's fields first, then the message, then the caller's fields. */
export function formatRecord(level: Level, msg: string, fields?: LogFields | Error, ctx = storage.getStore()): string {
  const extra = fields instanceof Error ? { error: fields } : fields;
  const record = {
    time: new Date().toISOString(),
    level,
    function: ctx?.function ?? '',
    action: ctx?.action ?? '',
    requestId: ctx?.requestId ?? '',
    callerKind: ctx?.callerKind ?? '',
    ...(ctx?.invocationId ? { invocationId: ctx.invocationId } : {}),
    msg,
    ...extra,
  };
  try {
    return JSON.stringify(record, replacer);
  } catch (e) {
    // A circular field must not lose the message.
    return JSON.stringify({ ...record, ...Object.fromEntries(Object.keys(extra ?? {}).map((k) => [k, '[unserializable]'])), logError: (e as Error).message }, replacer);
  }
}

const write: Record<Level, (line: string) => void> = {
  // CloudBase (and the local cloud) keep each invocation's console output with the invocation.
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

/**
 * Structured logs: one JSON line per record with time (UTC ISO), level, function, action, requestId, callerKind,
 * msg and the given fields (Errors with their stack), so the dashboard can filter one request across functions.
 */
export const log = {
  info: (msg: string, fields?: LogFields) => write.info(formatRecord('info', msg, fields)),
  warn: (msg: string, fields?: LogFields | Error) => write.warn(formatRecord('warn', msg, fields)),
  error: (msg: string, fields?: LogFields | Error) => write.error(formatRecord('error', msg, fields)),
};

export interface LogRecord {
  time: string;
  level: Level;
  function: string;
  action: string;
  requestId: string;
  callerKind: CallerKind | '';
  invocationId?: string;
  msg: string;
  [field: string]: unknown;
}

/** Reads a captured console line (`LEVEL text`, as the local cloud keeps them, or the bare text) as a record. */
export function parseLogLine(line: string): LogRecord | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(line.slice(start));
    return parsed && typeof parsed === 'object' && typeof parsed.msg === 'string' && typeof parsed.level === 'string' ? (parsed as LogRecord) : undefined;
  } catch {
    return undefined;
  }
}
