/**
 * The background's side of the team hub: the connection (settings or the administrator's
 * policy), periodic sync (outbox delivery with backoff, published definitions and the hub's
 * ranking of every lead's score, each by ETag) and lead data fetched for the sidebar with the
 * local store as cache and offline fallback.
 */
import { browser } from 'wxt/browser';
import { HubClient, HubError } from '../hub/client';
import { hubDestination } from '../hub/destination';
import type { Handlers } from '../messaging/server';
import type { HubStatus } from '../messaging/protocol';
import { DetectedRecord, HubConfig, type Lead } from '../model';
import { backoffMs, deliverPending } from '../outbox/outbox';
import { storeHubRanking } from '../context/ranking';
import {
  cacheLeadData,
  queueLocalEvents,
  replaceDefinitions,
  scoreRankingStatus,
  type TandemDb,
} from '../store';
import { readManagedPolicy, readSettings, writeSettings } from './settings';
import { z } from 'zod';
import type { DashboardData, DashboardQuery } from '../dashboard/schema';

export const SYNC_ALARM = 'tandem-hub-sync';
const STATE_KEY = 'hubState';
/** How long the sidebar waits for the hub before answering from the local store. */
const LOOKUP_BUDGET_MS = 1500;

const HubState = z.object({
  etag: z.string().optional(),
  definitionsVersion: z.number().optional(),
  /** The store's definitions revision the hub's definitions were written at. */
  definitionsRevision: z.number().optional(),
  /** The ETag of the hub's ranking the store holds. */
  rankingEtag: z.string().optional(),
  lastSyncAt: z.number().optional(),
  lastError: z.string().optional(),
  failures: z.number().int().nonnegative().default(0),
  nextAttemptAt: z.number().optional(),
  who: z
    .object({ name: z.string(), email: z.string(), role: z.string(), workspaceId: z.string() })
    .optional(),
});
type HubState = z.infer<typeof HubState>;

async function readState(): Promise<HubState> {
  const raw = (await browser.storage.local.get(STATE_KEY))[STATE_KEY];
  const parsed = HubState.safeParse(raw ?? {});
  return parsed.success ? parsed.data : HubState.parse({});
}
const writeState = (state: HubState) => browser.storage.local.set({ [STATE_KEY]: state });

/** The hub to use: an administrator's policy wins over the options page. */
export async function hubConfig(): Promise<{ config: HubConfig; managed: boolean } | undefined> {
  return (await hubConfigRead()).found;
}

/** `hubConfig`, and whether the policy was known (managed storage answered in time). */
async function hubConfigRead(): Promise<{
  found: { config: HubConfig; managed: boolean } | undefined;
  policyKnown: boolean;
}> {
  const policy = await readManagedPolicy();
  const parsed = HubConfig.safeParse(policy.values.hub);
  if (parsed.success) return { found: { config: parsed.data, managed: true }, policyKnown: true };
  const { settings } = await readSettings();
  return {
    found: settings.hub ? { config: settings.hub, managed: false } : undefined,
    policyKnown: policy.answered,
  };
}

/** How long "no hub" is believed when the policy was not known (managed storage gave up). */
const UNKNOWN_POLICY_TTL_MS = 10_000;

const originOf = (url: string) => `${new URL(url).origin}/*`;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface HubDeps {
  db(): Promise<TandemDb>;
  clock(): number;
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  fetch?: typeof fetch;
}

export function createHub(deps: HubDeps) {
  const client = async () => {
    const found = await hubConfig();
    return found ? new HubClient(found.config, { fetch: deps.fetch }) : undefined;
  };

  /**
   * The hub's ranking of every lead's score, stored when it was made under the definitions the
   * store took from the hub (the sidebar's standing is read from it): an extension connected to
   * a hub holds only the leads its rep opened, and does not rank them itself.
   */
  const pullRanking = async (hub: HubClient, db: TandemDb, next: HubState) => {
    const { definitionsVersion, definitionsRevision } = next;
    if (definitionsVersion === undefined || definitionsRevision === undefined) return;
    const held = await scoreRankingStatus(db);
    const etag = held?.current && held.source === 'hub' ? next.rankingEtag : undefined;
    let answer;
    try {
      answer = await hub.ranking(etag);
    } catch (e) {
      // A hub from before rankings: no standing in the sidebar, nothing wrong with the sync.
      if (e instanceof HubError && e.status === 404 && e.code === 'not_found') return;
      throw e;
    }
    if (!answer?.ranking || answer.ranking.version !== definitionsVersion) return;
    if (await storeHubRanking(db, answer.ranking, definitionsRevision)) {
      next.rankingEtag = answer.etag;
    }
  };

  let running: Promise<HubState> | null = null;
  /** One sync at a time; `force` ignores the backoff (the user asked). */
  const sync = (force = false): Promise<HubState> => {
    running ??= (async () => {
      const hub = await client();
      const state = await readState();
      const now = deps.clock();
      if (!hub) return state;
      if (!force && state.nextAttemptAt !== undefined && state.nextAttemptAt > now) return state;
      const db = await deps.db();
      const next: HubState = { ...state };
      try {
        const result = await deliverPending(db, hubDestination(hub), { now });
        // Without the revision they were written at (stored before it was kept), the
        // definitions are taken again, so that the hub's ranking can be matched to them.
        const changed = await hub.workspace(
          state.definitionsRevision !== undefined ? state.etag : undefined,
        );
        if (changed) {
          const d = changed.definitions;
          next.definitionsRevision = await replaceDefinitions(db, {
            workspace: { id: d.workspace.id, name: d.workspace.name, updatedAt: d.updatedAt },
            personas: d.personas,
            campaigns: d.campaigns,
            assets: d.assets,
            scoringModel: d.scoringModel,
            lifecycle: d.lifecycle,
          });
          next.etag = changed.etag;
          next.definitionsVersion = d.version;
        }
        await pullRanking(hub, db, next);
        if (result.failed > 0) throw new HubError('some events were not accepted by the hub', 200);
        next.failures = 0;
        next.lastError = undefined;
        next.nextAttemptAt = undefined;
        next.lastSyncAt = now;
      } catch (e) {
        // Before the first publish the hub has no definitions: not an error of this device.
        if (e instanceof HubError && e.code === 'not_published') {
          next.failures = 0;
          next.lastError = undefined;
          next.lastSyncAt = now;
        } else {
          next.failures = state.failures + 1;
          next.lastError = messageOf(e);
          next.nextAttemptAt = now + backoffMs(next.failures);
        }
      }
      await writeState(next);
      return next;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const status = async (): Promise<HubStatus> => {
    const found = await hubConfig();
    const state = await readState();
    if (!found) return { connected: false };
    return {
      connected: true,
      url: found.config.url,
      managed: found.managed,
      ...(state.who ? { who: state.who } : {}),
      ...(state.lastSyncAt !== undefined ? { lastSyncAt: state.lastSyncAt } : {}),
      ...(state.lastError ? { lastError: state.lastError } : {}),
      ...(state.definitionsVersion !== undefined
        ? { definitionsVersion: state.definitionsVersion }
        : {}),
    };
  };

  /**
   * The lead for a detected record from the hub, cached locally; `undefined` when no hub is
   * configured, it does not answer in time, or it does not know the record (the local store
   * answers then).
   */
  const fetchLead = async (detected: DetectedRecord): Promise<Lead | undefined> => {
    const hub = await client();
    if (!hub) return undefined;
    const { crm, tenant, objectType, recordId } = detected.ref;
    const email = detected.fields.email?.value;
    try {
      const r = await hub.leadContext(
        { crm, tenant, objectType, recordId, ...(email ? { email } : {}) },
        AbortSignal.timeout(LOOKUP_BUDGET_MS),
      );
      if (!r.lead) return undefined;
      await cacheLeadData(await deps.db(), r.lead, r.touches);
      return r.lead;
    } catch (e) {
      console.debug('[tandem] hub lookup failed; using the local store', e);
      return undefined;
    }
  };

  /**
   * The team's dashboard numbers from the hub, or `undefined` when no hub is configured or this
   * person may not read them (reps): the local events answer then.
   */
  const aggregates = async (query: DashboardQuery): Promise<DashboardData | undefined> => {
    const hub = await client();
    if (!hub) return undefined;
    const role = (await readState()).who?.role;
    if (role === 'rep') return undefined;
    return hub.aggregates({
      from: query.from,
      to: query.to,
      campaignId: query.campaignId,
      tz: query.timeZone,
      q: query.insightSearch,
    });
  };

  const handlers: Pick<Handlers, 'getHubStatus' | 'connectHub' | 'disconnectHub' | 'syncHub'> = {
    getHubStatus: () => status(),

    connectHub: (input) =>
      deps.exclusive(async () => {
        if ((await hubConfig())?.managed)
          throw new Error('Your administrator set the team hub; it cannot be changed here.');
        const config = HubConfig.parse(input);
        // The options page asked for the origin in the click handler (a user gesture).
        if (!(await browser.permissions.contains({ origins: [originOf(config.url)] })))
          throw new Error(
            `Tandem may not reach ${new URL(config.url).origin} yet: allow it when the browser asks.`,
          );
        const me = await new HubClient(config, { fetch: deps.fetch }).me();
        await writeSettings({ hub: config });
        await writeState({
          failures: 0,
          who: { name: me.name, email: me.email, role: me.role, workspaceId: me.workspaceId },
        });
        // What this rep gave before the hub existed now goes to the team.
        await queueLocalEvents(await deps.db());
        await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
        await sync(true);
        return status();
      }),

    disconnectHub: () =>
      deps.exclusive(async () => {
        const found = await hubConfig();
        if (found?.managed)
          throw new Error('Your administrator set the team hub; it cannot be changed here.');
        await writeSettings({ hub: undefined });
        await browser.storage.local.remove(STATE_KEY);
        await browser.alarms.clear(SYNC_ALARM);
        if (found) {
          try {
            await browser.permissions.remove({ origins: [originOf(found.config.url)] });
          } catch {
            // the browser may keep it; nothing is sent without a hub in settings anyway
          }
        }
        return status();
      }),

    syncHub: async () => {
      await sync(true);
      return status();
    },
  };

  // Whether a hub is configured is asked on every record the rep opens: remembered until the
  // settings or the policy change (or briefly, while managed storage has not answered).
  let configuredMemo: { value: Promise<boolean>; until: number } | null = null;
  try {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || (area === 'local' && 'settings' in changes)) configuredMemo = null;
    });
  } catch {
    // No storage events here: nothing is remembered (see below).
  }
  const configured = (): Promise<boolean> => {
    if (configuredMemo && configuredMemo.until > Date.now()) return configuredMemo.value;
    const value = hubConfigRead().then(
      ({ found, policyKnown }) => {
        if (configuredMemo?.value === value && !policyKnown) {
          configuredMemo.until = Date.now() + UNKNOWN_POLICY_TTL_MS;
        }
        return !!found;
      },
      (e: unknown) => {
        if (configuredMemo?.value === value) configuredMemo = null;
        throw e;
      },
    );
    configuredMemo = { value, until: Infinity };
    return value;
  };

  /** Makes sure the periodic sync alarm exists while a hub is configured (startup, install). */
  const ensureAlarm = async () => {
    if (await hubConfig()) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
    else await browser.alarms.clear(SYNC_ALARM);
  };

  return {
    handlers,
    sync,
    fetchLead,
    aggregates,
    ensureAlarm,
    configured,
  };
}
