/** The workspace as a bundle (the same format imports read), read in one transaction. */
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Lifecycle,
  type ScoringModel,
  type TandemEvent,
  type WorkspaceBundle,
} from '../model';
import { fromStoredLead } from '../store/normalize';
import { flattenPacks } from '../store/packs';
import type { StoredEvent, TandemDb, WorkspaceInfo } from '../store/schema';

/** Drops the outbox bookkeeping: a bundle carries the events themselves. */
export function toModelEvent(stored: StoredEvent): TandemEvent {
  const { delivery: _d, attempts: _a, lastError: _l, deliveredAt: _t, ...event } = stored;
  return event as TandemEvent;
}

export async function exportBundle(db: TandemDb, now: number): Promise<WorkspaceBundle> {
  const tx = db.transaction(
    ['meta', 'personas', 'campaigns', 'assets', 'definitions', 'leads', 'touchPacks', 'events'],
    'readonly',
  );
  const [workspace, personas, campaigns, assets, scoringModel, lifecycle, leads, packs, events] =
    await Promise.all([
      tx.objectStore('meta').get('workspace') as Promise<WorkspaceInfo | undefined>,
      tx.objectStore('personas').getAll(),
      tx.objectStore('campaigns').getAll(),
      tx.objectStore('assets').getAll(),
      tx.objectStore('definitions').get('scoringModel') as Promise<ScoringModel | undefined>,
      tx.objectStore('definitions').get('lifecycle') as Promise<Lifecycle | undefined>,
      tx.objectStore('leads').getAll(),
      tx.objectStore('touchPacks').getAll(),
      tx.objectStore('events').getAll(),
    ]);
  await tx.done;
  if (!scoringModel || !lifecycle)
    throw new Error('the workspace has no scoring model or lifecycle to export');
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    workspace: workspace ?? { id: 'workspace', name: 'Workspace', updatedAt: now },
    personas,
    campaigns,
    assets,
    scoringModel,
    lifecycle,
    leads: leads.map(fromStoredLead),
    // By lead, each lead's oldest first.
    touches: flattenPacks(packs),
    events: events.map(toModelEvent),
  };
}
