import { createWebClient } from './web';
import { createWeappClient } from './weapp';
import type { CloudClient } from './types';

export { CloudCallError, unwrap } from './errors';
export type { CloudClient, CurrentUser, DevAccount, PaymentParams, Unsubscribe } from './types';
export { createWebClient } from './web';

/**
 * The one way apps reach the cloud. In WeChat (`TARO_ENV=weapp`) it is wx.cloud; on the web it is the local
 * cloud's gateway at `localUrl` or the page's own origin.
 */
export function createCloudClient(opts: { env?: string; localUrl?: string } = {}): CloudClient {
  if (isWeapp()) return createWeappClient(opts.env);
  return createWebClient({ baseUrl: opts.localUrl });
}

/** Taro replaces `process.env.TARO_ENV` at build time; elsewhere (Vite, tests) there may be no `process` at all. */
function isWeapp(): boolean {
  try {
    return process.env.TARO_ENV === 'weapp';
  } catch {
    return false;
  }
}
