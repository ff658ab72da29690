import { newStoreDefaults, type Category, type CommissionTerms, type Store } from '@daojia/domain';
import { getStore, insertStoreOnce, summariesOf } from './repository';

export interface NewStore {
  _id: string;
  name: string;
  category: Category;
  address: string;
  location: { lng: number; lat: number };
  region: string;
  phone: string;
  terms: CommissionTerms;
  createdAt: string;
}

/**
 * A store made from an approved application: closed until its owner opens it, the category's default hours, modes and
 * delivery tiers, no promotions, no rating yet. Idempotent under its fixed id: a retried approval finds it there.
 */
export async function createStore(s: NewStore): Promise<Store> {
  const store: Store = {
    ...s,
    ...newStoreDefaults(s.category),
    logo: `/static/stores/${s.category}.png`,
    rating: 0,
    ratingCount: 0,
    fullReductions: [],
    newUserDiscountFen: 0,
    status: 'closed',
    tags: [],
    announcement: '',
  };
  if (await insertStoreOnce(store)) return store;
  const existing = await getStore(s._id);
  if (!existing) throw new Error(`store ${s._id} neither created nor found`);
  return existing;
}

export { summariesOf as storeSummaries };
