import { defineOrderEventsFunction } from '@daojia/modules/events';

/**
 * Order events to their subscribers (packages/modules/src/events): the `order_events` insert trigger delivers each
 * new event at once where database triggers exist (the local cloud); the `outbox` timer delivers whatever no trigger
 * finished (production CloudBase has no trigger for this) and retries failed deliveries with backoff. Both may run
 * at once: every (event, subscriber) delivery is claimed before it runs.
 */
export const main = defineOrderEventsFunction('orderEvents');
