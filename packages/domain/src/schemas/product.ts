import { z } from 'zod';
import { fen, id } from './common';

export const specOption = z.object({ label: z.string().min(1), priceDeltaFen: z.number().int() });
export const spec = z.object({ name: z.string().min(1), options: z.array(specOption).min(1) });

export const product = z.object({
  _id: id,
  storeId: id,
  name: z.string().min(1).max(60),
  description: z.string(),
  image: z.string(),
  priceFen: fen,
  stock: z.number().int().min(0),
  onShelf: z.boolean(),
  kind: z.enum(['goods', 'service']),
  durationMin: z.number().int().positive().optional(),
  categoryName: z.string(),
  specs: z.array(spec).optional(),
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
