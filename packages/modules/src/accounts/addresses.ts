import { DomainError, type Address } from '@daojia/domain';
import { findAddress } from './repository';

/** Where a delivery goes: the address asked for (which must be the user's), or else one of theirs, or none. */
export async function deliveryAddress(userKey: string, addressId?: string): Promise<Address | undefined> {
  const found = await findAddress(userKey, addressId);
  if (!found && addressId) throw new DomainError('ADDRESS_NOT_FOUND', '收货地址不存在');
  return found;
}
