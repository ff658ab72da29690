/** Notifications: in-app messages to buyers and stores, written in reaction to order events. */
export { notification, addNotification, markStaffSeen, type Notification } from './repository';
export { notificationsSubscriber, type StaffOf } from './subscriber';

/** The collections this module owns. */
export const COLLECTIONS = ['notifications'] as const;
