import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import type { Router, Request } from '../http/router';
import type { Database } from '../db';
import { CloudError } from '../errors';
import { loadProjectFunctions, type FunctionConfig } from './config';
import { bundleFunction, loadBundle, type CloudFunctionMain } from './loader';
import { identityEnv, installEnvView, runWithEnv, type CallerIdentity } from './env';
import { installLogCapture, runWithLogs } from './logs';
import { startTimers, type TimerScheduler } from './timers';
import { startDatabaseTriggers } from './triggers';
import { mountHttpFunctions } from './http';

export type { CallerIdentity } from './env';

export interface FunctionHostOptions {
  rootDir: string;
  url: string;
  envId: string;
  db: Database;
  hotReload: boolean;
  timers: boolean;
  triggers?: boolean;
  log: (line: string) => void;
  env: Record<string, string>;
}

export type InvocationKind = 'call' | 'trigger' | 'timer' | 'http';

export interface Invocation {
  id: string;
  name: string;
  kind: InvocationKind;
  caller: CallerIdentity;
  event: unknown;
  result?: unknown;
  error?: { code: string; message: string };
  startedAt: string;
  durationMs: number;
  /** What the function wrote to its console during this invocation, one entry per call (`LEVEL text`). */
  logs: string[];
  /** The invocation whose code called this one through app.callFunction (node-sdk sends the caller's TCB_SEQID). */
  parentId?: string;
}

export interface FunctionHost {
  /** Runs a function as CloudBase would, with `identity` as its caller. Rejects with CloudError when it throws. */
  invoke(name: string, event: unknown, identity?: CallerIdentity, kind?: InvocationKind, parentId?: string): Promise<unknown>;
  /** Serves node-sdk's `functions.invokeFunction` (app.callFunction from a function or a script). */
  handleInvokeAction(body: Record<string, unknown>, req: Request): Promise<unknown>;
  names(): string[];
  config(name: string): FunctionConfig | undefined;
  onInvocation(listener: (inv: Invocation) => void): () => void;
  /** Runs a timer trigger now (tests, the dashboard); waits for it. */
  fireTimer(name: string, triggerName: string): Promise<unknown>;
  /** Resolves when every database-trigger run started so far (and its retries) has finished. */
  drainTriggers(): Promise<void>;
  mount(router: Router): void;
  close(): Promise<void>;
}

const DEFAULT_CONTEXT_IP = '127.0.0.1';

/** CloudBase adds `userInfo {appId, openId}` to the event of a call from a mini-program (a caller with an openId). */
function withUserInfo(event: unknown, identity: CallerIdentity): unknown {
  if (!identity.openId || !event || typeof event !== 'object' || Array.isArray(event)) return event;
  return { ...event, userInfo: { appId: identity.appId ?? '', openId: identity.openId } };
}

export function createFunctionHost(opts: FunctionHostOptions): FunctionHost {
  installEnvView();
  installLogCapture();
  const project = loadProjectFunctions(opts.rootDir);
  const loaded = new Map<string, Promise<CloudFunctionMain>>();
  const listeners = new Set<(inv: Invocation) => void>();
  const watchers: FSWatcher[] = [];
  let closed = false;

  // With hot reload, a function folder created after the start is found on its first call (its triggers and timers
  // are read at start only).
  function discover(name: string) {
    try {
      const config = loadProjectFunctions(opts.rootDir).functions.get(name);
      if (config) project.functions.set(name, config);
    } catch (e) {
      opts.log(`[functions] cannot re-read the project: ${(e as Error).message}`);
    }
  }

  function requireConfig(name: string): FunctionConfig {
    if (!project.functions.has(name) && opts.hotReload) discover(name);
    const config = project.functions.get(name);
    if (!config) throw new CloudError('FUNCTIONS_NOT_FOUND', `function ${name} does not exist`);
    return config;
  }

  function load(name: string): Promise<CloudFunctionMain> {
    let pending = loaded.get(name);
    if (!pending) {
      const dir = path.join(project.functionRoot, name);
      pending = bundleFunction(path.join(dir, 'index.ts')).then(({ code, inputs }) => {
        if (opts.hotReload) watchInputs(name, inputs);
        // Module-level code (tcb.init) runs in the function's environment, as it does on CloudBase.
        return runWithEnv(baseEnv(requireConfig(name), 'init'), () => loadBundle(code, dir));
      });
      pending.catch(() => loaded.delete(name)); // a broken build is retried on the next call
      loaded.set(name, pending);
    }
    return pending;
  }

  // Reload on change: drop the cached bundle; the next invocation rebuilds it.
  function watchInputs(name: string, inputs: string[]) {
    for (const file of inputs.filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`))) {
      try {
        const w = watch(file, () => {
          if (loaded.delete(name)) opts.log(`[functions] ${name} changed, reloading`);
          w.close();
        });
        watchers.push(w);
      } catch {
        /* a file removed meanwhile: the next build notices */
      }
    }
  }

  function baseEnv(config: FunctionConfig, requestId: string): Record<string, string> {
    return {
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      SCF_NAMESPACE: opts.envId,
      SCF_FUNCTIONNAME: config.name,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${opts.url}/admin` }),
      DAOJIA_CLOUD_URL: opts.url,
      TCB_SEQID: requestId,
      ...config.envVariables,
      ...opts.env,
    };
  }

  async function invoke(name: string, sent: unknown, identity: CallerIdentity = {}, kind: InvocationKind = 'call', parentId?: string): Promise<unknown> {
    if (closed) throw new CloudError('FUNCTIONS_EXECUTE_FAIL', 'the local cloud is shutting down');
    const config = requireConfig(name);
    const event = withUserInfo(sent, identity);
    const main = await load(name);
    const requestId = randomUUID();
    const callerEnv = identityEnv(identity, { TCB_ENV: opts.envId, TCB_SEQID: requestId });
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: opts.envId,
      memory_limit_in_mb: config.memorySize,
      time_limit_in_ms: config.timeout * 1000,
      environment: JSON.stringify(callerEnv),
    };
    const started = Date.now();
    const record: Invocation = { id: requestId, name, kind, caller: identity, event, startedAt: new Date(started).toISOString(), durationMs: 0, logs: [], ...(parentId ? { parentId } : {}) };
    let timer: NodeJS.Timeout | undefined;
    try {
      const run = runWithLogs(record.logs, () => runWithEnv({ ...baseEnv(config, requestId), ...callerEnv }, () => Promise.resolve().then(() => main(event, context))));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CloudError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `function ${name} ran longer than ${config.timeout} s`)), config.timeout * 1000);
      });
      record.result = await Promise.race([run, timeout]);
      return record.result;
    } catch (e) {
      const err = e instanceof CloudError ? e : new CloudError('FUNCTIONS_EXECUTE_FAIL', `function ${name} threw: ${(e as Error)?.message ?? String(e)}`);
      if (!(e instanceof CloudError)) opts.log(`[functions] ${name} threw: ${(e as Error)?.stack ?? e}`);
      record.error = { code: err.code, message: err.message };
      throw err;
    } finally {
      clearTimeout(timer);
      record.durationMs = Date.now() - started;
      for (const l of listeners) l(record);
    }
  }

  async function handleInvokeAction(body: Record<string, unknown>, req: Request): Promise<unknown> {
    const name = body.function_name;
    if (typeof name !== 'string' || !name) throw new CloudError('INVALID_PARAM', 'function_name is required');
    let event: unknown = {};
    if (typeof body.request_data === 'string' && body.request_data) {
      try {
        event = JSON.parse(body.request_data);
      } catch {
        throw new CloudError('INVALID_PARAM', 'request_data is not JSON');
      }
    }
    // A call made with server credentials (a function or a script) carries no end user, as on CloudBase.
    // node-sdk's seqId is `${TCB_SEQID}-${eventId}` inside a function (TCB_SEQID is its request id), a bare eventId
    // (`<hex>_<hex>`) from a script: the former links the callee to its caller, so a request can be followed.
    const parentId = /^(.+)-[0-9a-f]+_[0-9a-f]+$/.exec(req.query.get('seqId') ?? '')?.[1];
    const result = await invoke(name, event, { source: 'scf', clientIp: DEFAULT_CONTEXT_IP }, 'call', parentId);
    return { response_data: JSON.stringify(result ?? null) };
  }

  const pendingTriggers = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pendingTriggers.add(p);
    p.finally(() => pendingTriggers.delete(p)).catch(() => {});
  };
  const stopTriggers = opts.triggers === false ? () => {} : startDatabaseTriggers({ db: opts.db, functions: project.functions, invoke, log: opts.log, track });
  const scheduler: TimerScheduler = startTimers({ functions: project.functions, invoke, log: opts.log, run: opts.timers });

  return {
    invoke,
    handleInvokeAction,
    names: () => [...project.functions.keys()],
    config: (name) => project.functions.get(name),
    onInvocation(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fireTimer: (name, triggerName) => scheduler.fire(name, triggerName),
    async drainTriggers() {
      while (pendingTriggers.size) await Promise.allSettled([...pendingTriggers]);
    },
    mount(router) {
      mountHttpFunctions(router, { functions: project.functions, invoke });
    },
    async close() {
      closed = true;
      scheduler.stop();
      stopTriggers();
      for (const w of watchers) w.close();
      await Promise.allSettled([...pendingTriggers, scheduler.idle()]);
    },
  };
}
