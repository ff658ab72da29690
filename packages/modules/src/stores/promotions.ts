import { DomainError, type Store } from '@daojia/domain';
import { db, _ } from '../runtime';
import { getStore } from './repository';

const stores = () => db.collection('stores');

/** The store's 满减 tiers (validated by the domain's fullReductionTiers at the function), replaced whole. */
export async function setFullReductions(storeId: string, tiers: Store['fullReductions']): Promise<Store['fullReductions']> {
  const { updated } = await stores()
    .where({ _id: storeId })
    .update({ fullReductions: _.set(tiers) });
  if (!updated && !(await getStore(storeId))) throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  return tiers;
}

export async function storePromotions(storeId: string): Promise<Pick<Store, 'fullReductions' | 'rating' | 'ratingCount'>> {
  const s = await getStore(storeId);
  if (!s) throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  return { fullReductions: s.fullReductions, rating: s.rating, ratingCount: s.ratingCount };
}
