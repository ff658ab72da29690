/** Notifications: in-app messages to buyers and stores, written in reaction to order events. */
export { notification, addNotification, type Notification } from './repository';
export { notificationsSubscriber } from './subscriber';

/** The collections this module owns. */
export const COLLECTIONS = ['notifications'] as const;
