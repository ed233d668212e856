import type { Destination } from '../outbox/outbox';
import type { HubClient } from './client';

/**
 * The outbox's destination when a hub is configured. Events the hub rejected are not
 * acknowledged, so they stay pending with the hub's reason as their last error (the popup shows
 * it) instead of being dropped.
 */
export function hubDestination(client: HubClient): Destination {
  return {
    async deliver(events) {
      const { acknowledged } = await client.postEvents(events);
      return { acknowledged };
    },
  };
}
