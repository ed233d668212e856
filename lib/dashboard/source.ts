/**
 * Where the dashboard's numbers come from. Today the local source: the background aggregates
 * the events in this browser's IndexedDB. Once a team hub is connected, a hub source answers the
 * same query with the whole team's aggregates; the page does not change.
 */
import { DashboardData, type DashboardQuery } from './schema';

export interface DashboardSource {
  readonly kind: DashboardData['source'];
  load(query: DashboardQuery): Promise<DashboardData>;
}

/**
 * The local source over a request function (the page passes `send('getDashboard', ...)`); the
 * answer is validated like anything else that crosses a boundary.
 */
export function localSource(request: (query: DashboardQuery) => Promise<unknown>): DashboardSource {
  return {
    kind: 'local',
    async load(query) {
      return DashboardData.parse(await request(query));
    },
  };
}
