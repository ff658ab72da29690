/** Accounts: a user's own data: delivery addresses (`addresses`), later profiles. */
export { COLLECTIONS } from './repository';
export { deliveryAddress } from './addresses';
export { ACCOUNTS_ERROR_CODES } from '@daojia/domain';
