import { AsyncLocalStorage } from 'node:async_hooks';
import vm from 'node:vm';

/**
 * CloudBase hands a function its caller's identity in environment variables, and @cloudbase/node-sdk reads them from
 * `process.env` at call time. Many invocations share this process, so `process.env` becomes a view: inside an
 * invocation, its own variables shadow the real environment; outside, the real environment shows through.
 */
type Scope = AsyncLocalStorage<Record<string, string>>;

/**
 * One storage and one view per process, however often this module is loaded (a test runner loads it afresh for each
 * test file): a view wrapped around an older view makes every `process.env` read pay for both, and proxy invariant
 * checks double that cost per layer, so a few dozen loads made each SDK call take seconds.
 */
const SHARED = Symbol.for('daojia.local-cloud.env-view');
const mainProcess = vm.runInThisContext('process') as NodeJS.Process & { [SHARED]?: { storage: Scope; viewed: WeakSet<object> } };
const shared = (mainProcess[SHARED] ??= { storage: new AsyncLocalStorage(), viewed: new WeakSet() });
const storage: Scope = shared.storage;

export function installEnvView(): void {
  // Function bundles are compiled in Node's main context; under a test runner this module may see a sandboxed
  // `process`, so patch the main context's one (and ours, when it differs).
  for (const p of new Set([mainProcess, process])) {
    if (shared.viewed.has(p)) continue;
    p.env = makeView(p.env);
    shared.viewed.add(p);
  }
}

function makeView(real: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const scoped = () => storage.getStore();
  return new Proxy(real, {
    get(target, key) {
      const s = scoped();
      if (s && typeof key === 'string' && key in s) return s[key];
      return Reflect.get(target, key);
    },
    set(target, key, value) {
      const s = scoped();
      if (s && typeof key === 'string') {
        s[key] = String(value);
        return true;
      }
      return Reflect.set(target, key, String(value));
    },
    has(target, key) {
      const s = scoped();
      return (s !== undefined && typeof key === 'string' && key in s) || Reflect.has(target, key);
    },
    deleteProperty(target, key) {
      const s = scoped();
      if (s && typeof key === 'string' && key in s) {
        delete s[key];
        return true;
      }
      return Reflect.deleteProperty(target, key);
    },
    ownKeys(target) {
      const s = scoped();
      return s ? [...new Set([...Reflect.ownKeys(target), ...Object.keys(s)])] : Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      const s = scoped();
      if (s && typeof key === 'string' && key in s) return { value: s[key], writable: true, enumerable: true, configurable: true };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

export function runWithEnv<T>(vars: Record<string, string>, fn: () => T): T {
  return storage.run({ ...vars }, fn);
}

export interface CallerIdentity {
  openId?: string;
  appId?: string;
  unionId?: string;
  uid?: string;
  customUserId?: string;
  isAnonymous?: boolean;
  source?: string;
  clientIp?: string;
}

/** The variables CloudBase sets for a caller, with the key lists the SDK uses to find them. */
export function identityEnv(identity: CallerIdentity = {}, context: Record<string, string> = {}): Record<string, string> {
  const wx: Record<string, string> = {};
  if (identity.openId) wx.WX_OPENID = identity.openId;
  if (identity.appId) wx.WX_APPID = identity.appId;
  if (identity.unionId) wx.WX_UNIONID = identity.unionId;
  if (identity.clientIp && identity.openId) wx.WX_CLIENTIP = identity.clientIp;
  const tcb: Record<string, string> = { ...context, TCB_SOURCE: identity.source ?? (identity.openId ? 'wx_client' : identity.uid ? 'web_client' : 'scf') };
  if (identity.uid) tcb.TCB_UUID = identity.uid;
  if (identity.customUserId) tcb.TCB_CUSTOM_USER_ID = identity.customUserId;
  if (identity.uid) tcb.TCB_ISANONYMOUS_USER = identity.isAnonymous ? 'true' : 'false';
  if (identity.clientIp) tcb.TCB_SOURCE_IP = identity.clientIp;
  return { ...wx, ...tcb, WX_CONTEXT_KEYS: Object.keys(wx).join(','), TCB_CONTEXT_KEYS: Object.keys(tcb).join(',') };
}
