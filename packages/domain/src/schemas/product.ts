import { z } from 'zod';
import { fen, id } from './common';

export const specOption = z.object({ label: z.string().min(1), priceDeltaFen: z.number().int() });
export const spec = z.object({ name: z.string().min(1), options: z.array(specOption).min(1) });

/**
 * A priced, stocked variant of a product (大份 / 小份): its own price and stock. A product with SKUs is ordered by
 * SKU (the cart line names `skuId`); its `priceFen` is its cheapest SKU's (lists show 「起」) and its `stock` the sum of
 * its SKUs' (kept so by every take and give-back, in the same update). Specs stay for options that are not stocked
 * (加辣, 少冰), with an optional price delta.
 */
export const sku = z.object({ id: z.string().min(1).max(32), label: z.string().min(1).max(20), priceFen: fen, stock: z.number().int().min(0) });
export type Sku = z.infer<typeof sku>;

export const product = z.object({
  _id: id,
  storeId: id,
  name: z.string().min(1).max(60),
  /** The merchant's own product number (商品编号, e.g. A001), unique in its store: the spreadsheet import matches rows to products by it. */
  code: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .optional(),
  description: z.string(),
  image: z.string(),
  priceFen: fen,
  stock: z.number().int().min(0),
  onShelf: z.boolean(),
  kind: z.enum(['goods', 'service']),
  durationMin: z.number().int().positive().optional(),
  categoryName: z.string(),
  specs: z.array(spec).optional(),
  skus: z.array(sku).min(1).max(20).optional(),
  /** Photos (cloud storage file ids); `image` is the cover, the first of them when set. */
  images: z.array(z.string()).max(9).optional(),
  /** At or below this stock the merchant app warns (unset: the platform default). */
  lowStockAt: z.number().int().min(0).optional(),
  sales: z.number().int().min(0).optional(),
});
export type Product = z.infer<typeof product>;

/** A bookable time slot for a service store; `capacity - booked` places remain. */
export const bookingSlot = z.object({
  _id: id,
  storeId: id,
  start: z.string(),
  end: z.string(),
  capacity: z.number().int().min(1),
  booked: z.number().int().min(0),
});
export type BookingSlot = z.infer<typeof bookingSlot>;
