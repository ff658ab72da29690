/** The app's only door to the cloud (@daojia/app-kit): `api.<function>.<action>(input)`, typed by the domain's API map. */
import { createAppCloud } from '@daojia/app-kit';

export const { cloud, api, ensureSignedIn } = createAppCloud({ app: 'merchant' });

/**
 * Calls onChange every few seconds so new orders show up. Not a realtime watch: the orders rule lets a user read
 * only their own documents, and a rule cannot say "staff of this order's store" without a cross-collection
 * lookup, so a staff watch on the store's orders is refused by design.
 */
export function subscribeOrders(onChange: () => void, pollMs = 3000): () => void {
  const timer = setInterval(onChange, pollMs);
  return () => clearInterval(timer);
}
