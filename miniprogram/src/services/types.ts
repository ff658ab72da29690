/** Shapes of the function replies this app reads (docs: api-contract, schemas in @daojia/domain). */
export type Category = 'catering' | 'beauty' | 'retail' | 'home_service';
export type OrderMode = 'delivery' | 'pickup' | 'booking';

export interface NearbyQuery {
  lng: number; lat: number; category?: Category; keyword?: string; maxDistanceM?: number; openNow?: boolean;
  minRating?: number; offset?: number; limit?: number;
}

export interface NearbyStore {
  _id: string; name: string; category: Category; logo: string; rating: number; ratingCount: number; distanceM: number;
  isOpen: boolean; address: string; minOrderFen: number; deliveryFeeFen: number; modes: OrderMode[]; tags: string[];
}

export interface Product {
  _id: string; name: string; description: string; image: string; priceFen: number; stock: number; onShelf: boolean;
  kind: 'goods' | 'service'; durationMin?: number; categoryName: string;
}

export interface StoreDetail {
  store: Omit<NearbyStore, 'distanceM'> & { distanceM?: number; hours: unknown; phone: string; announcement: string };
  products: Product[];
}

export interface QuoteLine { productId: string; name: string; unitPriceFen: number; quantity: number; subtotalFen: number }

export interface QuoteBreakdown {
  lines: QuoteLine[]; itemsFen: number; packagingFen: number; deliveryFen: number;
  discounts: { kind: string; label: string; amountFen: number }[]; totalFen: number;
}

export interface OrderDoc {
  _id: string; storeId: string; storeName: string; mode: OrderMode; status: string; items: QuoteLine[];
  breakdown: QuoteBreakdown; totalFen: number; pickupCode?: string; remark?: string; createdAt: string; paidAt?: string;
  updatedAt: string;
}

export interface OrderEvent { from: string | null; to: string; by: string; reason?: string; at: string }

export interface Payment { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string }
