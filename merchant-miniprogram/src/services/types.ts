/** Shapes of the function replies this app reads (docs: api-contract, schemas in @daojia/domain). */
export type OrderMode = 'delivery' | 'pickup' | 'booking';

export interface OrderLine { productId: string; name: string; unitPriceFen: number; quantity: number; subtotalFen: number }

export interface OrderDoc {
  _id: string; storeId: string; storeName: string; mode: OrderMode; status: string; items: OrderLine[]; totalFen: number;
  pickupCode?: string; remark?: string; slot?: unknown; createdAt: string; paidAt?: string; updatedAt: string;
}
