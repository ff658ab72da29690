import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createRouter, sendJson, type Router } from './http/router';
import { createHttpServer } from './http/server';
import { createSitePolicy, type SitePolicy } from './http/policy';
import { CloudError, asCloudError } from './errors';
import { openDatabase, handleDatabaseAction, type Database } from './db';
import { createFunctionHost, type FunctionHost } from './functions/host';
import { projectEnvId } from './functions/config';
import { mountSandboxes } from './sandboxes';
import { mountGateway } from './gateway';
import { productionSign } from './gateway/auth';
import { loadServerCredentials, verifyServerSignature, type ServerCredentials } from './gateway/server-sdk';
import { loadStorageRules, type Storage } from './storage';

export interface LocalCloudOptions {
  /** Project root: holds cloudfunctions/, database-rules/, cloudbaserc.json. */
  rootDir: string;
  /** Where SQLite files live (created if missing). */
  dataDir: string;
  port?: number; // 0 = any free port
  host?: string; // default 127.0.0.1
  envId?: string; // default: cloudbaserc.json envId, else 'daojia-local'
  /** Run timers on their cron (off in most tests, which fire them by hand). */
  timers?: boolean;
  /**
   * Run database triggers on committed changes (default on). Off, the cloud behaves like production CloudBase for
   * functions whose trigger is set up nowhere: tests of the order-event outbox use it.
   */
  triggers?: boolean;
  /** Reload a function when its files change. */
  hotReload?: boolean;
  /** Log lines (invocations, triggers); default: silent. */
  log?: (line: string) => void;
  /** Extra environment for every function (merged over cloudbaserc.json envVariables). */
  functionEnv?: Record<string, string>;
  /** Lifetime of web access tokens in seconds (default 2 h); tests shorten it to see the SDK refresh. */
  accessTokenTtlS?: number;
  /**
   * Origins of dev servers whose pages call this cloud (CORS) and proxy to it (Host), outside production. Default:
   * DAOJIA_DEV_ORIGINS (comma-separated), else the repo's own: the admin panel's Vite server and Taro's H5 server.
   */
  devOrigins?: string[];
}

const REPO_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173', 'http://127.0.0.1:10086', 'http://localhost:10086'];

export interface LocalCloud {
  url: string; // http://127.0.0.1:<port>
  port: number;
  dataDir: string;
  envId: string;
  db: Database;
  functions: FunctionHost;
  /** Cloud storage: its bucket, files (`store`) and file ids (`fileIdOf(path)`). */
  storage: Storage;
  router: Router;
  /** What the sandboxes hand to functions (WECHATPAY_*, SMS_*, DADA_*), for scripts and tests that use an adapter directly. */
  sandboxEnv: Record<string, string>;
  /** What functions sign their node-sdk calls with (a script calling /admin in production mode needs them too). */
  serverCredentials: ServerCredentials;
  close(): Promise<void>;
}

function parseBody(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new CloudError('INVALID_PARAM', 'the request body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CloudError('INVALID_PARAM', 'the request body must be a JSON object');
  return body as Record<string, unknown>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const envId = options.envId ?? projectEnvId(options.rootDir) ?? 'daojia-local';
  const router = createRouter();
  const db = openDatabase({ dataDir: options.dataDir, rulesDir: `${options.rootDir}/database-rules` });

  // Read before the server starts: a bad storage-rules.json stops the start, and its limits size the upload route.
  const storageRules = loadStorageRules(options.rootDir);
  const uploadCap = storageRules.maxBytes + 64 * 1024;

  let policy: SitePolicy | undefined; // known once the port is
  const server = createHttpServer(router, { log, policy: () => policy, maxBodyBytesFor: (method, path) => (method === 'PUT' && path.startsWith('/storage/') ? uploadCap : undefined) });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const serverCredentials = loadServerCredentials(options.dataDir);
  let functions: ReturnType<typeof createFunctionHost> | undefined;
  // Read on every request: the environment can change under a running cloud (tests do it).
  const production = () =>
    productionSign({
      envId,
      env: process.env,
      functionEnvs: (functions?.names() ?? []).map((n) => functions?.config(n)?.envVariables ?? {}),
    });
  const devOrigins =
    options.devOrigins ??
    (process.env.DAOJIA_DEV_ORIGINS
      ? process.env.DAOJIA_DEV_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : REPO_DEV_ORIGINS);
  policy = createSitePolicy({ host, port, devOrigins, production });

  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  let sandboxes: Awaited<ReturnType<typeof mountSandboxes>> | undefined;
  let gateway: Awaited<ReturnType<typeof mountGateway>>;
  try {
    sandboxes = await mountSandboxes({ router, dataDir: options.dataDir, cloudUrl: url, log });
    functions = createFunctionHost({
      rootDir: options.rootDir,
      url,
      envId,
      db,
      log,
      hotReload: options.hotReload ?? false,
      timers: options.timers ?? false,
      triggers: options.triggers ?? true,
      env: { ...sandboxes.env, TENCENTCLOUD_SECRETID: serverCredentials.secretId, TENCENTCLOUD_SECRETKEY: serverCredentials.secretKey, ...options.functionEnv },
    });
    gateway = await mountGateway({
      router,
      server,
      db,
      functions,
      rootDir: options.rootDir,
      dataDir: options.dataDir,
      envId,
      url,
      log,
      accessTokenTtlS: options.accessTokenTtlS,
      production,
      policy: () => policy,
      storageRules,
    });
  } catch (e) {
    // A start that fails (a bad rules file, a function folder missing) must not leave a listening port behind.
    await functions?.close();
    await sandboxes?.close?.();
    await closeServer();
    db.close();
    throw e;
  }

  // The server SDK's single endpoint: POST /admin {action, ...params}. It can do anything to any data, so with
  // DAOJIA_MODE=production it serves only calls signed with the server credentials, as CloudBase's does. (A non-local
  // env id alone does not switch this: fixture projects and scripts sign with the dummy 'local' key.)
  router.add('POST', '/admin', async (req, res) => {
    const requestId = randomUUID();
    try {
      const body = parseBody(req.body);
      if (process.env.DAOJIA_MODE === 'production') verifyServerSignature(req, body, serverCredentials);
      const action = typeof body.action === 'string' ? body.action : '';
      let reply: Record<string, unknown>;
      if (action.startsWith('database.')) reply = await handleDatabaseAction(db, action, body);
      else if (action === 'functions.invokeFunction') reply = { data: await functions.handleInvokeAction(body, req) };
      else if (action.startsWith('storage.')) reply = gateway.storage.handleAdminAction(action, body, req);
      else throw new CloudError('INVALID_ACTION', `action ${action} is not supported by the local cloud`);
      sendJson(res, 200, { requestId, ...reply });
    } catch (e) {
      const err = asCloudError(e);
      if (!(e instanceof CloudError)) log(`[admin] ${(e as Error).stack}`);
      sendJson(res, 200, { requestId, code: err.code, message: err.message });
    }
  });
  // The CLI announces readiness once /admin serves; a GET answers who is here (health checks, curl).
  router.add('GET', '/admin', (_req, res) => sendJson(res, 200, { ok: true, envId }));
  functions.mount(router);

  return {
    url,
    port,
    dataDir: options.dataDir,
    envId,
    db,
    functions,
    storage: gateway.storage,
    router,
    sandboxEnv: sandboxes.env,
    serverCredentials,
    async close() {
      await gateway.close();
      await functions.close();
      await sandboxes?.close?.();
      await closeServer();
      db.close();
    },
  };
}
