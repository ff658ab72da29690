import { z } from 'zod';
import { contract } from './contract';

/**
 * Cloud storage for the apps. Uploads go straight from the client to storage (wx.cloud / js-sdk uploadFile), under
 * the caller's own folder; this function only tells a client that folder: in WeChat the openid that names it is the
 * platform's to know, not the client's.
 */
export const filesMeOutput = z.object({
  /** The caller's user key as every function sees it (WeChat openid, else the web uid). */
  userKey: z.string().min(1),
  /** Where the caller may upload: `uploads/<userKey>/`. */
  uploadPrefix: z.string().min(1),
});

export const FILES_API = {
  me: contract(z.object({}).strict(), filesMeOutput),
};
