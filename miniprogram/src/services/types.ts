/** Shapes of the function replies this app reads (api-contract); entity types come from @daojia/domain. */
import type { Category, OrderMode, Product } from '@daojia/domain';

export type { Breakdown, Category, Order, OrderEventRecord, OrderMode, Product } from '@daojia/domain';

export interface NearbyQuery {
  lng: number; lat: number; category?: Category; keyword?: string; maxDistanceM?: number; openNow?: boolean;
  minRating?: number; offset?: number; limit?: number;
}

export interface NearbyStore {
  _id: string; name: string; category: Category; logo: string; rating: number; ratingCount: number; distanceM: number;
  isOpen: boolean; address: string; minOrderFen: number; deliveryFeeFen: number; modes: OrderMode[]; tags: string[];
}

export interface StoreDetail {
  store: Omit<NearbyStore, 'distanceM'> & { distanceM?: number; phone: string; announcement: string };
  products: Product[];
}
