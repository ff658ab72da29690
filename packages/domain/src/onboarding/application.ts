import { z } from 'zod';
import { category, lngLat, type Category, type OrderMode } from '../schemas/common';
import type { WeeklyHours } from '../schemas/store';
import { commissionTerms } from './terms';

/** A mainland China mobile number: 11 digits starting 1[3-9]. */
export const cnMobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入11位手机号');

/**
 * Where an application stands. `approving`: a reviewer approved it and the store, its owner and terms are being
 * set up (compare-and-set steps, each safe to run again: a review that died half-way is finished by the next one);
 * it reads as still under review to the applicant. An application is open while pending or approving: one at a time
 * per person.
 */
export const APPLICATION_STATUSES = ['pending', 'approving', 'approved', 'rejected'] as const;
export const applicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatus>;
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['pending', 'approving'];

export const APPLICATION_STATUS_TEXT: Record<ApplicationStatus, string> = { pending: '审核中', approving: '审核中', approved: '已通过', rejected: '未通过' };

/** What an applicant fills in (the merchant app's 申请开店 form). */
export const applicationForm = z
  .object({
    name: z.string().trim().min(2, '店铺名称至少 2 个字').max(40, '店铺名称最多 40 个字'),
    category,
    address: z.string().trim().min(5, '请填写详细地址').max(100),
    location: lngLat,
    /** A cloud storage file id the applicant uploaded themselves (营业执照照片). */
    licenceFileId: z.string().trim().min(1, '请上传营业执照照片').max(300),
    contactName: z.string().trim().min(1, '请填写联系人').max(20),
    contactPhone: cnMobile,
  })
  .strict();
export type ApplicationForm = z.infer<typeof applicationForm>;

export const reviewer = z.object({ adminId: z.string(), name: z.string() });

/** `store_applications`: one document per application; a rejected one stays, and the person applies again. */
export const storeApplication = applicationForm.strip().extend({
  _id: z.string(),
  applicantKey: z.string().min(1),
  region: z.string().min(1),
  status: applicationStatus,
  /** The applicant's key while the application is open, its own id once closed: a unique index keeps one open per person. */
  openKey: z.string().min(1),
  createdAt: z.string(),
  reviewedAt: z.string().optional(),
  reviewedBy: reviewer.optional(),
  /** Why it was rejected (shown to the applicant). */
  reason: z.string().optional(),
  /** Set when approved: the store made from it (fixed at approval, so a retried approval makes the same store). */
  storeId: z.string().optional(),
  terms: commissionTerms.optional(),
});
export type StoreApplication = z.infer<typeof storeApplication>;

/** What a new store starts with: closed until its owner opens it, hours and modes by category, no promotions. */
export interface NewStoreDefaults {
  hours: WeeklyHours;
  modes: OrderMode[];
  minOrderFen: number;
  packagingFeeFen: number;
  deliveryTiers: { upToM: number; feeFen: number }[];
  maxDeliveryM: number;
}

const MODES: Record<Category, OrderMode[]> = { catering: ['delivery', 'pickup'], beauty: ['booking'], retail: ['pickup', 'delivery'], home_service: ['booking'] };
const OPEN: Record<Category, { open: number; close: number }> = {
  catering: { open: 10 * 60, close: 21 * 60 },
  beauty: { open: 10 * 60, close: 21 * 60 },
  retail: { open: 8 * 60, close: 22 * 60 },
  home_service: { open: 9 * 60, close: 18 * 60 },
};

export function newStoreDefaults(c: Category): NewStoreDefaults {
  const goods = c === 'catering' || c === 'retail';
  return {
    hours: Array.from({ length: 7 }, () => [{ ...OPEN[c] }]),
    modes: [...MODES[c]],
    minOrderFen: c === 'catering' ? 2000 : 0,
    packagingFeeFen: 0,
    deliveryTiers: goods
      ? [
          { upToM: 2000, feeFen: 300 },
          { upToM: 4000, feeFen: 500 },
        ]
      : [],
    maxDeliveryM: goods ? 4000 : 0,
  };
}
