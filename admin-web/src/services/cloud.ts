/** The admin panel's only door to the cloud: `api.<function>.<action>(input)` typed by the domain's API map, and the local sign-in. */
import { createApi, createWebClient, CloudCallError, isSignInError, type DevAccount } from '@daojia/cloud-client';

export { errorMessage as errorText } from '@daojia/cloud-client';

/** A CloudBase environment id given at build time (VITE_CLOUD_ENV) means production; unset, the local cloud. */
const cloudEnv = process.env.VITE_CLOUD_ENV || undefined;
export const cloud = createWebClient(cloudEnv ? { env: cloudEnv, production: true } : { env: 'daojia-local-admin' });
export const api = createApi(cloud);

export const adminAccounts = async (): Promise<DevAccount[]> => (await cloud.devAccounts()).filter((a) => a.role === 'admin');

/** FORBIDDEN or a session that no longer holds: the panel sends the user back to sign in. */
export const isForbidden = (e: unknown) => isSignInError(e) || (e instanceof CloudCallError && e.code === 'FORBIDDEN');
