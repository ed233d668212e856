/**
 * The feedback loop in the background: the rep's identity, recording and undoing events (the
 * outbox), the popup's view of the current tab, and the choices the feedback forms offer.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Handlers } from '../messaging/server';
import { DetectedRecord, TandemEvent, type EventDraft } from '../model';
import { eventOf, UNDO_WINDOW_MS } from '../outbox/outbox';
import {
  addEvent,
  getDefinitions,
  getLead,
  outboxCounts,
  recentAssetsForLead,
  removeEvent,
  type TandemDb,
} from '../store';
import { readManaged, readSettings, writeSettings } from './settings';

/** Events stamped further ahead than this (a wrong clock, a forged time) are refused. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Undo is still honoured this long after the window shown to the rep (message latency). */
const UNDO_GRACE_MS = 2_000;

const tabKey = (tabId: number) => `tabRecord:${tabId}`;

type FeedbackHandlers = Pick<
  Handlers,
  | 'getRep'
  | 'setRep'
  | 'recordEvent'
  | 'undoEvent'
  | 'getOutboxStatus'
  | 'getTabRecord'
  | 'getFeedbackOptions'
>;

export interface FeedbackDeps {
  db(): Promise<TandemDb>;
  clock(): number;
  ensureSeeded(): Promise<void>;
  /** Serializes settings writes with the other settings handlers. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Whether a team hub is configured: events are then queued for it. */
  hubConfigured?(): Promise<boolean>;
  /** Called after an event was queued for the hub (to deliver it once its undo window ends). */
  onQueued?(event: TandemEvent): void;
}

/** The rep events are attached to: an administrator's policy wins over the options page. */
export async function currentRep() {
  const managed = await readManaged();
  if (managed.rep) return { rep: managed.rep, managed: true };
  const { settings } = await readSettings();
  return { ...(settings.rep ? { rep: settings.rep } : {}), managed: false };
}

/**
 * Remembers the record a tab shows (the content script asked for its context), for the popup.
 * Session storage: it outlives the service worker but not the browser session.
 */
export async function rememberTabRecord(
  tabId: number | undefined,
  detected: DetectedRecord,
): Promise<void> {
  if (tabId === undefined) return;
  try {
    await browser.storage.session.set({ [tabKey(tabId)]: detected });
  } catch (e) {
    console.warn('[tandem] could not remember the tab record', e);
  }
}

export async function forgetTab(tabId: number): Promise<void> {
  try {
    await browser.storage.session.remove(tabKey(tabId));
  } catch {
    // nothing to forget
  }
}

/** Checks what an event refers to exists in this workspace; returns the problem, if any. */
async function referenceProblem(db: TandemDb, draft: EventDraft): Promise<string | undefined> {
  const needsAsset = draft.kind === 'content_feedback' || draft.kind === 'asset_usage';
  const needsReason = draft.kind === 'lead_verdict' && draft.reasonId !== undefined;
  const [asset, lead, definitions] = await Promise.all([
    needsAsset ? db.get('assets', draft.assetId) : undefined,
    draft.leadKey !== undefined ? getLead(db, draft.leadKey) : undefined,
    needsReason ? getDefinitions(db) : undefined,
  ]);
  if (needsAsset && !asset) return t('feedbackErrUnknownAsset', draft.assetId);
  if (draft.leadKey !== undefined && !lead) return t('feedbackErrUnknownLead', draft.leadKey);
  if (draft.kind === 'lead_verdict') {
    if (draft.leadKey === undefined && draft.record === undefined)
      return t('feedbackErrVerdictNoLead');
    if (needsReason) {
      const reasons = definitions?.lifecycle?.rejectionReasons ?? [];
      if (!reasons.some((r) => r.id === draft.reasonId))
        return t('feedbackErrUnknownReason', draft.reasonId ?? '');
    }
  }
  if (draft.campaignId !== undefined && !(await db.get('campaigns', draft.campaignId)))
    return t('feedbackErrUnknownCampaign', draft.campaignId);
  return undefined;
}

export function feedbackHandlers(deps: FeedbackDeps): FeedbackHandlers {
  return {
    getRep: () => currentRep(),

    setRep: (rep) =>
      deps.exclusive(async () => {
        if ((await readManaged()).rep) throw new Error(t('repErrManaged'));
        await writeSettings({ rep });
        return currentRep();
      }),

    async recordEvent(draft) {
      const now = deps.clock();
      if (draft.at > now + MAX_CLOCK_SKEW_MS) throw new Error(t('feedbackErrFuture'));
      const { rep } = await currentRep();
      if (!rep) throw new Error(t('feedbackErrNoRep'));
      await deps.ensureSeeded();
      const db = await deps.db();
      const problem = await referenceProblem(db, draft);
      if (problem) throw new Error(problem);
      const event = TandemEvent.parse({ ...draft, rep });
      // Without a team hub events stay on this device and feed the dashboard; with one they
      // are queued and the outbox delivers them after their undo window.
      const toHub = (await deps.hubConfigured?.()) ?? false;
      const status = await addEvent(db, event, toHub ? 'pending' : 'local');
      if (toHub && status === 'added') deps.onQueued?.(event);
      const stored = status === 'duplicate' ? await db.get('events', event.id) : undefined;
      const result = stored ? eventOf(stored) : event;
      return { status, event: result, undoUntil: result.at + UNDO_WINDOW_MS };
    },

    async undoEvent({ id }) {
      const db = await deps.db();
      const stored = await db.get('events', id);
      // Already gone (a second click on undo): the rep's intent holds.
      if (!stored) return { undone: true };
      if (deps.clock() > stored.at + UNDO_WINDOW_MS + UNDO_GRACE_MS) return { undone: false };
      return { undone: await removeEvent(db, id) };
    },

    async getOutboxStatus() {
      const counts = await outboxCounts(await deps.db());
      return {
        queued: counts.pending,
        delivered: counts.delivered,
        local: counts.local,
        failing: counts.failing,
        ...(counts.lastError ? { lastError: counts.lastError } : {}),
        hubConfigured: (await deps.hubConfigured?.()) ?? false,
      };
    },

    async getTabRecord({ tabId }) {
      let stored: unknown;
      try {
        stored = (await browser.storage.session.get(tabKey(tabId)))[tabKey(tabId)];
      } catch {
        return { detected: null };
      }
      const parsed = DetectedRecord.safeParse(stored);
      if (!parsed.success) return { detected: null };
      // The tab may have moved on to a page that is not a record since.
      try {
        const tab = await browser.tabs.get(tabId);
        if (tab.url && tab.url !== parsed.data.url) return { detected: null };
      } catch {
        return { detected: null }; // the tab is gone
      }
      return { detected: parsed.data };
    },

    async getFeedbackOptions({ leadKey }) {
      await deps.ensureSeeded();
      const db = await deps.db();
      const [definitions, { rep }] = await Promise.all([getDefinitions(db), currentRep()]);
      const recentAssetIds =
        leadKey !== undefined ? await recentAssetsForLead(db, leadKey, rep?.email) : [];
      return {
        assets: [...definitions.assets].sort((a, b) => a.title.localeCompare(b.title)),
        campaigns: definitions.campaigns,
        recentAssetIds,
        rejectionReasons: definitions.lifecycle?.rejectionReasons ?? [],
      };
    },
  };
}
