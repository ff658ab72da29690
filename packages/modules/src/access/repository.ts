import { z } from 'zod';
import { platformRole, storeRole } from '@daojia/domain';
import { db, readAll } from '../runtime';
import { parser } from '../repository-kit';

export const COLLECTIONS = ['merchant_staff', 'admins'] as const;

/** `merchant_staff`: one document per (person, store), with the person's role in that store. */
export const staffDoc = z.object({ _id: z.string(), userKey: z.string().min(1), storeId: z.string().min(1), role: storeRole, name: z.string() });
export type StaffDoc = z.infer<typeof staffDoc>;

/**
 * `admins`: one document per platform staff member, `roles` and `regions` (absent: all regions). Documents written
 * before roles were a list hold one `role` and an optional `region`; they read as the same thing, so existing data
 * keeps working without a migration.
 */
const storedAdmin = z
  .object({
    _id: z.string(),
    userKey: z.string().min(1),
    name: z.string(),
    roles: z.array(platformRole).min(1).optional(),
    regions: z.array(z.string().min(1)).optional(),
    role: platformRole.optional(),
    region: z.string().min(1).optional(),
  })
  .refine((a) => a.roles || a.role, { message: 'an admin needs roles (or the older single role)' })
  .transform(({ _id, userKey, name, roles, regions, role, region }) => ({
    _id,
    userKey,
    name,
    roles: roles ?? [role!],
    ...(regions ? { regions } : region ? { regions: [region] } : {}),
  }));
export type AdminDoc = z.output<typeof storedAdmin>;

const parseStaff = parser('merchant_staff', staffDoc);
const parseAdmin = parser('admins', storedAdmin);

/** Every store the person works at (no cap: a person may be staff of several stores). */
export async function staffRowsOf(userKey: string): Promise<StaffDoc[]> {
  return (await readAll<unknown>(db.collection('merchant_staff').where({ userKey }).orderBy('storeId', 'asc'), 100)).map(parseStaff);
}

/** Everyone working at one store (one row each): who the store's messages, such as a new-order alert, go to. */
export async function staffOfStore(storeId: string): Promise<StaffDoc[]> {
  return (await readAll<unknown>(db.collection('merchant_staff').where({ storeId }).orderBy('userKey', 'asc'), 100)).map(parseStaff);
}

export async function adminOf(userKey: string): Promise<AdminDoc | null> {
  const { data } = await db.collection('admins').where({ userKey }).limit(1).get();
  return data.length ? parseAdmin(data[0]) : null;
}
