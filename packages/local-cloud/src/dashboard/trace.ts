import type { Invocation } from '../functions/host';

/**
 * Following one request across functions. Functions log through function-kit's `log`: one JSON line per record with
 * function, action, requestId and callerKind (a subscriber running for an order event logs the request that
 * appended the event, and its own invocation as invocationId). The local cloud keeps each line on its invocation as
 * `LEVEL text`; plain console lines stay text.
 */
export interface LogEntry {
  level: string;
  /** The line as written (without the level prefix). */
  text: string;
  /** The parsed record when the line is a structured one. */
  record?: { time?: string; level?: string; function?: string; action?: string; requestId?: string; invocationId?: string; callerKind?: string; msg: string; [field: string]: unknown };
}

export interface TraceFilter {
  requestId?: string;
  function?: string;
  action?: string;
}

export function logEntry(line: string): LogEntry {
  const space = line.indexOf(' ');
  const level = space > 0 && /^[A-Z]+$/.test(line.slice(0, space)) ? line.slice(0, space) : '';
  const text = level ? line.slice(space + 1) : line;
  if (text.startsWith('{')) {
    try {
      const record = JSON.parse(text);
      if (record && typeof record === 'object' && typeof record.msg === 'string') return { level, text, record };
    } catch {
      /* not a structured line */
    }
  }
  return { level, text };
}

/** What the invocation was asked to do: the envelope's action, a timer's trigger name or an HTTP path. */
export function invocationAction(inv: Invocation): string {
  const e = (inv.event ?? {}) as Record<string, unknown>;
  const named = e.action ?? e.TriggerName ?? (inv.kind === 'http' ? e.path : undefined);
  return typeof named === 'string' ? named : '';
}

const names = (r: LogEntry['record'], requestId: string) => r?.requestId === requestId || r?.invocationId === requestId;

/**
 * The invocations that served `requestId`: the invocation with that id, a trigger whose event (the changed document:
 * an order event carries the request id that appended it) names it and, transitively, the functions any of them
 * called (parentId): all their lines belong to the request ('whole'). An invocation that only logged some lines
 * for it (an outbox timer working through many requests' events) is 'lines': only those lines belong to it.
 */
export function followRequest(invocations: Invocation[], requestId: string): Map<string, 'whole' | 'lines'> {
  const out = new Map<string, 'whole' | 'lines'>();
  for (const inv of invocations) {
    if (inv.id === requestId || (inv.kind === 'trigger' && JSON.stringify(inv.event ?? null).includes(requestId))) out.set(inv.id, 'whole');
    else if (inv.logs.some((l) => names(logEntry(l).record, requestId))) out.set(inv.id, 'lines');
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const inv of invocations)
      if (inv.parentId && out.get(inv.parentId) === 'whole' && out.get(inv.id) !== 'whole') {
        out.set(inv.id, 'whole');
        grew = true;
      }
  }
  return out;
}

/** Invocations matching every given filter (function and action by substring, the request id as followRequest). */
export function filterInvocations(invocations: Invocation[], f: TraceFilter): Invocation[] {
  const traced = f.requestId ? followRequest(invocations, f.requestId) : undefined;
  return invocations.filter(
    (inv) =>
      (!traced || traced.has(inv.id)) &&
      (!f.function || inv.name.includes(f.function)) &&
      (!f.action || invocationAction(inv).includes(f.action) || inv.logs.some((l) => logEntry(l).record?.action?.includes(f.action!))),
  );
}

export interface TraceLine extends LogEntry {
  invocationId: string;
  function: string;
  kind: string;
  time: string;
}

/** The log lines of the matching invocations in the order they were written (by record time), oldest first. */
export function traceLines(invocations: Invocation[], f: TraceFilter): TraceLine[] {
  const traced = f.requestId ? followRequest(invocations, f.requestId) : undefined;
  const lines = filterInvocations(invocations, f).flatMap((inv) =>
    inv.logs
      .map((l, n) => {
        const entry = logEntry(l);
        return { ...entry, invocationId: inv.id, function: inv.name, kind: inv.kind, time: entry.record?.time ?? inv.startedAt, n };
      })
      .filter((line) => !traced || traced.get(line.invocationId) === 'whole' || names(line.record, f.requestId!)),
  );
  return lines.sort((a, b) => a.time.localeCompare(b.time) || a.n - b.n).map(({ n: _n, ...line }) => line);
}
