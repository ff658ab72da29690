/**
 * The app's only door to the cloud (@daojia/app-kit): `api.<function>.<action>(input)`, typed by the domain's API map.
 *
 * The current store: someone may work at several stores, and a staff call names the store it acts on. The one
 * chosen on pages/stores/index is kept in Taro storage and sent with every call (`api` carries it; `api.withStore(id)`
 * still names another one for a single call). When the cloud asks which store (STORE_REQUIRED), or the stored one is
 * no longer theirs (removed from its staff), the store picker opens.
 */
import Taro from '@tarojs/taro';
import { createAppCloud } from '@daojia/app-kit';
import { CloudCallError, createApi, type Call } from '@daojia/cloud-client';

const base = createAppCloud({ app: 'merchant' });
export const { cloud, ensureSignedIn } = base;

const STORE_KEY = 'daojia.merchant.currentStore';
export const STORES_PAGE = '/pages/stores/index';
export const WORKBENCH_PAGE = '/pages/workbench/index';

/** The last choice, also kept in memory in case storage fails. */
let remembered: string | undefined;

/** The store the app acts on, as chosen last (undefined: none chosen; someone at one store need not choose). */
export function currentStoreId(): string | undefined {
  try {
    const v: unknown = Taro.getStorageSync(STORE_KEY);
    return typeof v === 'string' && v ? v : remembered;
  } catch {
    return remembered;
  }
}

export function setCurrentStore(storeId: string | undefined): void {
  remembered = storeId;
  try {
    if (storeId) Taro.setStorageSync(STORE_KEY, storeId);
    else Taro.removeStorageSync(STORE_KEY);
  } catch {
    // Storage full or unavailable: the choice holds for this run of the app (remembered).
  }
}

/** The page on top, as `/pages/x/index` (weapp's route has no leading slash; H5's may, with a query). */
function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const route = (pages[pages.length - 1]?.route ?? '').split('?')[0];
  return `/${route.replace(/^\//, '')}`;
}

let pickerOpening = false;
/** Opens the store picker once, however many calls failed at the same time. */
export function openStorePicker(): void {
  if (pickerOpening) return;
  pickerOpening = true;
  const done = () => {
    pickerOpening = false;
  };
  if (currentRoute() === STORES_PAGE) return done();
  Taro.navigateTo({ url: STORES_PAGE }).then(done, done);
}

const NOT_THEIRS = '不是该门店的员工';
/** What the access policy says to someone working at no store (domain/src/access/policy.ts, actingMembership). */
const NOT_STAFF = '不是商家员工';

function toWorkbench(): void {
  if (currentRoute() === WORKBENCH_PAGE) return;
  void Taro.redirectTo({ url: WORKBENCH_PAGE });
}

const call: Call = async (fn, action, data, opts) => {
  const storeId = opts?.storeId ?? currentStoreId();
  try {
    return await cloud.call(fn, action, data, storeId ? { ...opts, storeId } : opts);
  } catch (err) {
    if (err instanceof CloudCallError) {
      if (err.code === 'STORE_REQUIRED') openStorePicker();
      // Signed in but nobody's staff yet: the workbench offers 申请开店 / 输入邀请码 instead of an error.
      if (err.code === 'FORBIDDEN' && err.message.includes(NOT_STAFF)) toWorkbench();
      // The stored store is no longer theirs (removed from its staff): forget it and let them choose again.
      if (err.code === 'FORBIDDEN' && storeId && storeId === currentStoreId() && err.message.includes(NOT_THEIRS)) {
        setCurrentStore(undefined);
        openStorePicker();
      }
    }
    throw err;
  }
};

export const api = createApi(call);
