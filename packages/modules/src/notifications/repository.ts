import { z } from 'zod';
import { db, nowIso } from '../runtime';
import { addOnce } from '../repository-kit';

/**
 * `notifications`, owned by the notifications module: in-app messages, one per (order event, recipient), `_id`
 * `${eventId}:${audience}`, so an event delivered twice still leaves one message. A consumer's carry their
 * `_openid` (the rule lets them read their own); a store's carry its `storeId` (read by the merchant functions).
 */
export const notification = z.object({
  _id: z.string(),
  eventId: z.string(),
  orderId: z.string(),
  audience: z.enum(['consumer', 'store']),
  _openid: z.string().optional(),
  storeId: z.string(),
  title: z.string(),
  body: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notification>;

const notifications = () => db.collection('notifications');

/** Writes the message once: a second write of the same id (a repeated delivery) is the first one. */
export async function addNotification(n: Omit<Notification, 'read' | 'createdAt'>) {
  await addOnce(() => notifications().add(notification.parse({ ...n, read: false, createdAt: nowIso() })));
}
