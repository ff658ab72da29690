export type { Order, OrderEventRecord, OrderMode } from '@daojia/domain';

export type MerchantTab = 'new' | 'active' | 'done' | 'refund';
