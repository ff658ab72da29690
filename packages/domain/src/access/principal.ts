import { z } from 'zod';
import { PLATFORM_ROLES, STORE_ROLES } from './permissions';

export const storeRole = z.enum(STORE_ROLES);
export const platformRole = z.enum(PLATFORM_ROLES);

/** One store a person works at, with their role there (`merchant_staff`: one document per person and store). */
export const storeMembership = z.object({ storeId: z.string().min(1), role: storeRole });
export type StoreMembership = z.infer<typeof storeMembership>;

/**
 * A person's platform staff record. `regions` absent: every region (national staff); present: those regions only,
 * for every role the person holds. A regional manager always has regions: one without would see nothing. The
 * super admin's regions are ignored.
 */
export const platformGrant = z.object({
  roles: z.array(platformRole).min(1),
  regions: z.array(z.string().min(1)).optional(),
});
export type PlatformGrant = z.infer<typeof platformGrant>;

/**
 * Who is calling, as the policy sees them: everything can() and scope() decide on, as plain data. `userKey` is ''
 * when there is no identity; an anonymous web session has one but is not a real person yet.
 */
export const principal = z.object({
  userKey: z.string(),
  anonymous: z.boolean(),
  stores: z.array(storeMembership),
  platform: platformGrant.nullable(),
});
export type Principal = z.infer<typeof principal>;

/** What a permission may be asked about: a store's data, or data of a region. */
export const accessResource = z.object({ storeId: z.string().optional(), region: z.string().optional() });
export type AccessResource = z.infer<typeof accessResource>;
