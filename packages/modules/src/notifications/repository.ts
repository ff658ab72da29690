import { z } from 'zod';
import { _, db, nowIso } from '../runtime';
import { addOnce } from '../repository-kit';

/**
 * `notifications`, owned by the notifications module: in-app messages, one per (order event, recipient), `_id`
 * `${eventId}:${audience}` (a staff member's: `${eventId}:staff:${userKey}`), so an event delivered twice still
 * leaves one message. A consumer's and a staff member's carry the recipient's `_openid` (the rule lets each read
 * their own, which is what the merchant app's realtime new-order watch reads); the store's carry its `storeId`
 * (read by the merchant functions). `event` names the order event the message is about (`pay`: a new order).
 */
export const notification = z.object({
  _id: z.string(),
  eventId: z.string(),
  orderId: z.string(),
  audience: z.enum(['consumer', 'store', 'staff']),
  event: z.string().optional(),
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

/**
 * A staff member has seen the store's messages of these events (the merchant app opened its 新订单 tab): one
 * update, whatever their number; another store's, or another person's, stay unread. Returns how many turned read.
 */
export async function markStaffSeen(userKey: string, storeId: string, events: string[]): Promise<number> {
  const { updated } = await notifications()
    .where({ _openid: userKey, audience: 'staff', storeId, event: _.in(events), read: false })
    .update({ read: true });
  return updated ?? 0;
}
