/**
 * The local store as the team hub's cache: the hub's published definitions replace the local
 * ones, and lead data fetched from the hub is kept so the sidebar works offline.
 */
import type { Asset, Campaign, Lead, Lifecycle, Persona, ScoringModel, Touch } from '../model';
import { inWriteTx, writer } from './bulk';
import { toStoredLead } from './normalize';
import { mergeTouchesInTx } from './packs';
import type { TandemDb, WorkspaceInfo } from './schema';

export interface HubDefinitions {
  workspace: WorkspaceInfo;
  personas: Persona[];
  campaigns: Campaign[];
  assets: Asset[];
  scoringModel: ScoringModel;
  lifecycle: Lifecycle;
}

/**
 * Replaces the definitions in one transaction. When the hub's workspace is not the one stored
 * (the demo, or another team's), its leads and touches go too: they are not this team's data.
 * Events always stay.
 */
export async function replaceDefinitions(db: TandemDb, defs: HubDefinitions): Promise<number> {
  const tx = db.transaction(
    ['meta', 'personas', 'campaigns', 'assets', 'definitions', 'leads', 'touchPacks'],
    'readwrite',
  );
  return inWriteTx(tx, async () => {
    const meta = tx.objectStore('meta');
    const current = (await meta.get('workspace')) as WorkspaceInfo | undefined;
    const revision = ((await meta.get('definitionsRevision')) as number) ?? 0;
    if (current?.id !== defs.workspace.id) {
      writer(tx, 'leads').clear();
      writer(tx, 'touchPacks').clear();
      writer(tx, 'meta').put(0, 'touchCount');
    }
    const personas = writer(tx, 'personas');
    const campaigns = writer(tx, 'campaigns');
    const assets = writer(tx, 'assets');
    const definitions = writer(tx, 'definitions');
    for (const w of [personas, campaigns, assets, definitions]) w.clear();
    for (const p of defs.personas) personas.put(p);
    for (const c of defs.campaigns) campaigns.put(c);
    for (const a of defs.assets) assets.put(a);
    definitions.put(defs.scoringModel, 'scoringModel');
    definitions.put(defs.lifecycle, 'lifecycle');
    const m = writer(tx, 'meta');
    m.put({ ...defs.workspace }, 'workspace');
    m.put(true, 'seeded');
    m.put(revision + 1, 'definitionsRevision');
    return revision + 1;
  });
}

/**
 * Keeps a lead and its touches from the hub, in one transaction: the lead is inserted or
 * replaced, and the touches merged into its packs (the hub's copy replaces a touch with the same
 * id; touches the hub did not send stay).
 */
export async function cacheLeadData(db: TandemDb, lead: Lead, touches: Touch[]): Promise<void> {
  const tx = db.transaction(['leads', 'touchPacks', 'meta'], 'readwrite');
  await inWriteTx(tx, async () => {
    writer(tx, 'leads').put(toStoredLead(lead));
    await mergeTouchesInTx(tx, touches, 'replace');
  });
}

/** Local events become pending: a hub was connected and the team should see them. */
export async function queueLocalEvents(db: TandemDb): Promise<number> {
  const tx = db.transaction(['events'], 'readwrite');
  return inWriteTx(tx, async () => {
    const local = await tx.objectStore('events').index('by-delivery').getAll('local');
    const events = writer(tx, 'events');
    for (const e of local) events.put({ ...e, delivery: 'pending' });
    return local.length;
  });
}
