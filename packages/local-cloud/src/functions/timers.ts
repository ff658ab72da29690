import { CronExpressionParser } from 'cron-parser';
import type { FunctionConfig, TimerTrigger } from './config';
import type { CallerIdentity, InvocationKind } from './host';
import { RETRY, withRetries } from './retry';

type Invoke = (name: string, event: unknown, identity?: CallerIdentity, kind?: InvocationKind) => Promise<unknown>;

export interface TimerScheduler {
  fire(name: string, triggerName: string): Promise<unknown>;
  stop(): void;
  idle(): Promise<void>;
}

/** CloudBase timers take 7 fields (sec min hour day month weekday year); the year must allow the current one. */
export function parseCloudbaseCron(expr: string) {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer config "${expr}" must have 7 fields (sec min hour day month weekday year)`);
  const year = fields[6];
  if (year !== '*' && !year.split(',').includes(String(new Date().getUTCFullYear()))) {
    throw new Error(`timer config "${expr}": only "*" or the current year is supported in the year field`);
  }
  return CronExpressionParser.parse(fields.slice(0, 6).join(' '), { tz: 'Asia/Shanghai' });
}

export function startTimers(opts: { functions: Map<string, FunctionConfig>; invoke: Invoke; log: (line: string) => void; run: boolean }): TimerScheduler {
  const running = new Map<string, Promise<unknown>>();
  const handles: NodeJS.Timeout[] = [];
  let stopped = false;

  function find(name: string, triggerName: string): TimerTrigger {
    const trigger = opts.functions.get(name)?.triggers.find((t): t is TimerTrigger => t.type === 'timer' && t.name === triggerName);
    if (!trigger) throw new Error(`no timer ${triggerName} on function ${name}`);
    return trigger;
  }

  // One run of a timer at a time: an overlapping tick joins the run in progress instead of starting another.
  function fire(name: string, triggerName: string): Promise<unknown> {
    const key = `${name}/${triggerName}`;
    const current = running.get(key);
    if (current) return current;
    const trigger = find(name, triggerName);
    const event = { Type: 'Timer', TriggerName: trigger.name, Time: new Date().toISOString(), Message: '' };
    const run = withRetries(() => opts.invoke(name, event, { source: 'timer' }, 'timer'), {
      ...RETRY,
      onRetry: (n, e, delayMs) => opts.log(`[timer] ${key} failed (attempt ${n}): ${(e as Error).message}; retrying in ${delayMs} ms`),
    }).finally(() => running.delete(key));
    run.catch((e) => opts.log(`[timer] ${key} gave up after ${RETRY.tries} attempts: ${(e as Error).message}`));
    running.set(key, run);
    return run;
  }

  function schedule(name: string, trigger: TimerTrigger) {
    const cron = parseCloudbaseCron(trigger.config);
    const next = () => {
      if (stopped) return;
      const wait = Math.max(0, cron.next().getTime() - Date.now());
      const h = setTimeout(() => {
        fire(name, trigger.name).catch(() => {});
        next();
      }, wait);
      h.unref();
      handles.push(h);
    };
    next();
  }

  for (const [name, config] of opts.functions) {
    for (const t of config.triggers) {
      if (t.type !== 'timer') continue;
      parseCloudbaseCron(t.config); // a bad cron fails at start, not at the first tick
      if (opts.run) schedule(name, t);
    }
  }

  return {
    fire,
    stop() {
      stopped = true;
      handles.forEach(clearTimeout);
    },
    async idle() {
      await Promise.allSettled([...running.values()]);
    },
  };
}
