import { createWebClient } from './web';
import { createWeappClient } from './weapp';
import type { CloudClient } from './types';

export { CloudCallError, errorMessage, isSignInError, unwrap } from './errors';
export type { CallOptions, CloudClient, CurrentUser, DevAccount, PaymentParams, Unsubscribe, UploadSource } from './types';
export { createApi, type Call, type TypedApi } from './api';
export { createWebClient } from './web';

/**
 * The one way the Taro apps reach the cloud: wx.cloud inside WeChat, @cloudbase/js-sdk on the web. Taro replaces
 * `process.env.TARO_ENV` at build time, so the branch folds away and the weapp bundle never carries js-sdk
 * (the package is marked side-effect free for that). Code built without Taro (the admin panel) calls
 * `createWebClient` directly. `cloudEnv` is a real CloudBase environment id, given at build time for production;
 * without one the web build talks to the local cloud at the page's origin.
 */
export function createCloudClient(opts: { app: string; cloudEnv?: string; localUrl?: string }): CloudClient {
  return process.env.TARO_ENV === 'weapp'
    ? createWeappClient(opts.cloudEnv)
    : createWebClient(
        opts.cloudEnv
          ? { env: opts.cloudEnv, production: true }
          : // The local cloud serves every app from one origin; a per-app env keeps their sessions apart in localStorage.
            { baseUrl: opts.localUrl, env: `daojia-local-${opts.app}` },
      );
}
