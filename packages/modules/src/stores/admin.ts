import { db } from '../runtime';
import type { Category } from '@daojia/domain';
import * as repo from './repository';

/** Stores as platform staff list them: `scope` is the caller's region filter, applied whatever else is asked. */
export async function listStoresForStaff(scope: Record<string, unknown>, q: { keyword?: string; category?: Category; offset: number; limit: number }) {
  const where: Record<string, unknown> = { ...scope };
  if (q.category) where.category = q.category;
  if (q.keyword) where.name = db.RegExp({ regexp: q.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
  return repo.storesPage(where, q.offset, q.limit);
}

export const countStores = (scope: Record<string, unknown>) => repo.countStores(scope);
export const storeNames = (storeIds: string[]) => repo.namesOf(storeIds);
