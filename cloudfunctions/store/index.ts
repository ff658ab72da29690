import { nearbyInput, storeDetailInput, nearbyOutput, storeDetailOutput } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { nearby, storeDetail } from '@daojia/modules/stores';

export const main = defineFunction('store', {
  /** Stores near a point, nearest first, with the consumer app's filters. */
  nearby: action({
    input: nearbyInput,
    output: nearbyOutput,
    errors: [],
    permission: 'store.browse',
    handler: (q) => nearby(q),
  }),

  /** One store with its on-shelf menu or services. */
  detail: action({
    input: storeDetailInput,
    output: storeDetailOutput,
    errors: ['STORE_NOT_FOUND'],
    permission: 'store.browse',
    handler: ({ storeId, lng, lat }) => storeDetail(storeId, lng !== undefined && lat !== undefined ? { lng, lat } : undefined),
  }),
});
