export type { Order, OrderMode } from '@daojia/domain';

export type MerchantTab = 'new' | 'active' | 'done' | 'refund';
