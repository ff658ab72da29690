import { DomainError } from '../errors';
import { formatFen } from '../money';
import type { Calculator } from './context';

/** Packaging is charged once per order for goods that leave the store (delivery and pickup). */
export const packagingCalculator: Calculator = (ctx) => {
  if (ctx.input.mode === 'booking') return;
  ctx.packagingFen = ctx.input.store.packagingFeeFen;
};

/** Delivery: the minimum order applies to goods, the fee follows the first distance tier that covers the address. */
export const deliveryCalculator: Calculator = (ctx) => {
  const { store, mode, distanceM } = ctx.input;
  if (mode !== 'delivery') return;
  if (ctx.itemsFen < store.minOrderFen) {
    throw new DomainError('BELOW_MIN_ORDER', `还差 ${formatFen(store.minOrderFen - ctx.itemsFen)} 起送`, { minOrderFen: store.minOrderFen });
  }
  if (distanceM === undefined) throw new DomainError('ADDRESS_REQUIRED', '外卖订单需要填写收货地址');
  if (distanceM > store.maxDeliveryM) throw new DomainError('OUT_OF_DELIVERY_RANGE', '收货地址超出商家配送范围', { distanceM });
  const tier = [...store.deliveryTiers].sort((a, b) => a.upToM - b.upToM).find((t) => distanceM <= t.upToM);
  if (!tier) throw new DomainError('OUT_OF_DELIVERY_RANGE', '收货地址超出商家配送范围', { distanceM });
  ctx.deliveryFen = tier.feeFen;
};
