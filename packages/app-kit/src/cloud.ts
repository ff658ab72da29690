/**
 * A Taro app's one door to the cloud: the platform client (wx.cloud in WeChat, js-sdk on the web), the typed API
 * generated from the domain's map, and the sign-in helpers both apps need.
 */
import Taro from '@tarojs/taro';
import { createApi, createCloudClient, isSignInError, type Call } from '@daojia/cloud-client';
import { registerFileClient } from './files';

export const isWeapp = process.env.TARO_ENV === 'weapp';

/** A CloudBase environment id given at build time (TARO_APP_CLOUD_ENV) means production; unset, the local cloud. */
export const cloudEnv = process.env.TARO_APP_CLOUD_ENV || undefined;

export const LOGIN_PAGE = '/pages/login/index';

export interface AppCloudOptions {
  /** Which app: keeps the apps' web sessions apart (the local cloud serves both from one origin). */
  app: 'consumer' | 'merchant';
  /** When a call is refused for want of a sign-in, open the login page with the cloud's reason (web only). */
  loginOnSignInError?: boolean;
}

export function createAppCloud({ app, loginOnSignInError = false }: AppCloudOptions) {
  const cloud = createCloudClient({ app, cloudEnv });
  registerFileClient(cloud); // CloudImage and chooseAndUploadImage use it

  let toLoginPending: Promise<unknown> | null = null;
  /** The login page, saying why; the session (if any) is dropped first, so the page offers a fresh sign-in. */
  function toLogin(reason?: string): Promise<unknown> {
    toLoginPending ??= cloud
      .signOut()
      .then(() => Taro.redirectTo({ url: `${LOGIN_PAGE}${reason ? `?reason=${encodeURIComponent(reason)}` : ''}` }))
      .finally(() => {
        toLoginPending = null;
      });
    return toLoginPending;
  }

  /** In weapp the platform signs the user in; on the web a dev account must be picked first. */
  async function ensureSignedIn(): Promise<boolean> {
    if (isWeapp) return true;
    if (cloud.currentUser()) return true;
    await toLogin();
    return false;
  }

  const call: Call = async (fn, action, data, opts) => {
    try {
      return await cloud.call(fn, action, data, opts);
    } catch (err) {
      // In WeChat the platform signs every user in: there is no login page to send them to.
      if (loginOnSignInError && !isWeapp && isSignInError(err)) void toLogin(err.message);
      throw err;
    }
  };

  return { cloud, api: createApi(call), ensureSignedIn, toLogin };
}
