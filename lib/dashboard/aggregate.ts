/**
 * The dashboard's numbers, computed from the events and the workspace's definitions. Pure: no
 * browser API, no clock (`now` comes in), no i18n (groups without a value have the key `''` and
 * the page names them). Streaming, so the background can aggregate a large store batch by batch
 * without holding every event at once; `aggregateDashboard` does it in one call.
 *
 * Counting rules (the tests check each):
 * - An event counts when `from <= at < to` and, with a campaign filter, when its campaign (its
 *   own `campaignId`, else its asset's) is that campaign.
 * - A verdict counts once per lead: the latest one in the range (a rep who accepted and then
 *   rejected a lead has rejected it).
 * - "Opened afterwards": of the leads an asset was copied or sent for, those with an open of that
 *   asset (an `opened` usage event or a marketing touch) after it was first shared with them.
 * - Unused content is judged against `now`, not the range: no copy or send in the last 30 / 90
 *   days. The library is the assets not expired at `now`, within the campaign filter.
 * - A rating is falling when the useful rate of the newer half of its ratings is at least
 *   FALLING_DROP below the older half's, with at least FALLING_MIN_RATINGS ratings.
 */
import { slaStatus } from '../engine/lifecycle';
import type {
  Asset,
  Campaign,
  ContentFeedbackEvent,
  FieldInsightEvent,
  Lead,
  LeadVerdictEvent,
  Lifecycle,
  Persona,
  TandemEvent,
  TouchType,
  AssetUsageEvent,
} from '../model';
import { leadName } from '../model/lead';
import { recordKey } from '../model/keys';
import type {
  AssetUsageRow,
  DashboardData,
  DashboardQuery,
  FeedbackNote,
  FeedbackRow,
  GroupShare,
  InsightItem,
  LabelCount,
  OverdueMql,
  RepRow,
  UnusedAsset,
  UnusedWindow,
  VerdictGroup,
} from './schema';
import { DAY_MS, weekStarts } from './time';

export const UNUSED_WINDOWS_DAYS = [30, 90] as const;
export const FALLING_MIN_RATINGS = 6;
export const FALLING_DROP = 0.15;
export const NOTES_PER_ASSET = 20;
export const INSIGHTS_SHOWN = 200;
export const OVERDUE_SHOWN = 100;
/** Marketing touches on an asset that mean the lead opened it (bot-suspect ones excluded). */
export const OPEN_TOUCH_TYPES: readonly TouchType[] = [
  'email_clicked',
  'page_viewed',
  'content_downloaded',
  'webinar_attended',
];
const HOUR_MS = 3_600_000;

export interface DashboardDefinitions {
  assets: readonly Asset[];
  campaigns: readonly Campaign[];
  personas: readonly Persona[];
  lifecycle?: Lifecycle;
  /** Leads for the source of verdicts and the MQLs past their SLA (only those matter). */
  leads: readonly Lead[];
}

/** A lead opening an asset, from outside the events (marketing touches). */
export interface AssetOpen {
  leadKey: string;
  assetId: string;
  at: number;
}

export interface AggregateOptions {
  query: DashboardQuery;
  now: number;
  /** Earliest event time: where the weeks of a range without `from` start. */
  earliestAt?: number;
  source?: DashboardData['source'];
}

export interface DashboardAggregator {
  add(events: readonly TandemEvent[]): void;
  addOpens(opens: readonly AssetOpen[]): void;
  /** Leads an asset was copied or sent for in the range: the ones whose opens matter. */
  sharedLeads(): string[];
  finish(): DashboardData;
}

/** Counts per interned key (persona or stage), remembering which key came first. */
interface KeyCounts {
  counts: number[];
  /** Keys in the order they were first counted (ties in the ranking keep it). */
  order: number[];
}

/** Everything known about one asset id seen in the events, opens or definitions. */
interface AssetSlot {
  id: string;
  /** Dense index, so per-rep marks are array slots rather than hashed sets. */
  idx: number;
  /** Whether it has usage numbers (a copy or send up to now, or any usage in the range). */
  used: boolean;
  /** Whether any event in the range (and campaign) concerned it. */
  inRange: boolean;
  /** Last copy or send up to now, all time and every campaign (for unused content). */
  lastUsedAll: number;
  copied: number;
  sent: number;
  /** Rep index -> seen; `reps` counts them. */
  repSeen: boolean[];
  reps: number;
  /** Leads it was shared with in the range (the times are in `firstShared`). */
  leads: number;
  personas: KeyCounts;
  stages: KeyCounts;
  weekly: number[];
  lastUsedAt: number;
  feedback: FeedbackAcc | undefined;
}

interface FeedbackAcc {
  useful: number;
  notRelevant: number;
  outdated: number;
  missingInfo: number;
  reasons: KeyCounts;
  notes: ContentFeedbackEvent[];
  notesTotal: number;
  ratedAt: number[];
  usefulFlags: number[];
}

interface RepAcc {
  idx: number;
  email: string;
  name: string;
  nameAt: number;
  copied: number;
  sent: number;
  /** Asset index -> seen; `assets` counts them. */
  assetSeen: boolean[];
  assets: number;
  feedback: number;
  accepted: number;
  rejected: number;
  insights: number;
  lastActiveAt: number;
}

/** A tag as some insight spelled it, and the count of its case- and space-insensitive key. */
interface TagSpelling {
  key: TagAcc;
  trimmed: string;
}
interface TagAcc {
  count: number;
  /** The spelling of its newest use, and when. */
  label: string;
  at: number;
  id: string;
}

const newer = (a: TandemEvent, b: TandemEvent) => a.at > b.at || (a.at === b.at && a.id > b.id);
const byNewest = (a: TandemEvent, b: TandemEvent) =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const countKey = (c: KeyCounts, key: number) => {
  const n = c.counts[key];
  if (n === undefined || n === 0) {
    c.counts[key] = 1;
    c.order.push(key);
  } else c.counts[key] = n + 1;
};

/** Keeps the newest `keep` of a growing list cheaply: sorts and cuts only when it doubles. */
function trimNewest<T extends TandemEvent>(list: T[], keep: number): T[] {
  if (list.length <= 2 * keep) return list;
  list.sort(byNewest);
  list.length = keep;
  return list;
}

function ranked(map: Map<string, number>, label: (key: string) => string): LabelCount[] {
  return [...map]
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** Slots of an interner's direct-mapped cache: 2^12, indexed by the top 12 bits of a hash. */
const CACHE_SLOTS = 4096;
const CACHE_SHIFT = 20;

/**
 * Strings seen in the events as small integers. Events read from IndexedDB carry fresh copies
 * of every string, so a Map lookup hashes every character of each one. In front of the Map sits
 * a direct-mapped cache indexed by the length and five characters: on a hit, one comparison
 * with the cached key (which stops at the first differing character) replaces the hashing.
 * Assets, reps, personas and stages fit in the cache; leads mostly do.
 */
class Interner {
  readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  private readonly cache = new Int32Array(CACHE_SLOTS).fill(-1);

  of(key: string): number {
    const n = key.length;
    // Both ends and the middle: keys often share a prefix (emails share a domain).
    const mix =
      n === 0
        ? 0
        : ((((n * 31 + key.charCodeAt(0)) * 31 + key.charCodeAt(n >> 1)) * 31 +
            key.charCodeAt(n - 1)) *
            31 +
            key.charCodeAt(n > 1 ? n - 2 : 0)) *
            31 +
          key.charCodeAt(n > 2 ? n - 3 : 0);
    const h = Math.imul(mix, 0x9e3779b1) >>> CACHE_SHIFT;
    const hit = this.cache[h]!;
    if (hit >= 0 && this.keys[hit] === key) return hit;
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.ids.set(key, i);
      this.keys.push(key);
    }
    this.cache[h] = i;
    return i;
  }
}

/**
 * A number per (asset, lead) pair, both interned: open addressing over typed arrays, so the
 * million-event pass neither hashes strings nor allocates map entries.
 */
class PairTable {
  private cap = 1024;
  private a = new Int32Array(this.cap).fill(-1);
  private b = new Int32Array(this.cap);
  private v = new Float64Array(this.cap);
  size = 0;

  private slot(a: number, b: number): number {
    const mask = this.cap - 1;
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) >>> 0;
    for (;;) {
      i &= mask;
      const ka = this.a[i]!;
      if (ka === -1 || (ka === a && this.b[i] === b)) return i;
      i++;
    }
  }

  get(a: number, b: number): number | undefined {
    const i = this.slot(a, b);
    return this.a[i] === -1 ? undefined : this.v[i];
  }

  /** Keeps the smaller value (`lowest`) or the larger; returns whether the pair is new. */
  keep(a: number, b: number, value: number, lowest: boolean): boolean {
    let i = this.slot(a, b);
    if (this.a[i] !== -1) {
      const old = this.v[i]!;
      if (lowest ? value < old : value > old) this.v[i] = value;
      return false;
    }
    if ((this.size + 1) * 2 > this.cap) {
      this.grow();
      i = this.slot(a, b);
    }
    this.a[i] = a;
    this.b[i] = b;
    this.v[i] = value;
    this.size++;
    return true;
  }

  forEach(fn: (a: number, b: number, value: number) => void): void {
    for (let i = 0; i < this.cap; i++) if (this.a[i] !== -1) fn(this.a[i]!, this.b[i]!, this.v[i]!);
  }

  private grow(): void {
    const { a, b, v, cap } = this;
    this.cap = cap * 2;
    this.a = new Int32Array(this.cap).fill(-1);
    this.b = new Int32Array(this.cap);
    this.v = new Float64Array(this.cap);
    for (let i = 0; i < cap; i++) {
      if (a[i] === -1) continue;
      const j = this.slot(a[i]!, b[i]!);
      this.a[j] = a[i]!;
      this.b[j] = b[i]!;
      this.v[j] = v[i]!;
    }
  }
}

export function createDashboardAggregator(
  defs: DashboardDefinitions,
  opts: AggregateOptions,
): DashboardAggregator {
  const { query, now } = opts;
  const from = query.from ?? -Infinity;
  const to = query.to ?? now;
  const campaign = query.campaignId;
  const assetById = new Map(defs.assets.map((a) => [a.id, a]));
  const campaignById = new Map(defs.campaigns.map((c) => [c.id, c]));
  const personaById = new Map(defs.personas.map((p) => [p.id, p]));
  const leadByKey = new Map(defs.leads.map((l) => [l.key, l]));
  const reasonLabel = new Map((defs.lifecycle?.rejectionReasons ?? []).map((r) => [r.id, r.label]));
  const stageLabel = new Map((defs.lifecycle?.stages ?? []).map((s) => [s.stage, s.label]));

  // Weeks are computed once with the time zone; each event then only compares numbers.
  const weeks = weekStarts(query.from ?? opts.earliestAt ?? to, to, query.timeZone).filter(
    (w, i) => i === 0 || w < to,
  );
  const weekCount = weeks.length;
  const weeklyCopied = new Array<number>(weekCount).fill(0);
  const weeklySent = new Array<number>(weekCount).fill(0);
  let lastWeek = 0;
  let lastWeekStart = weekCount ? weeks[0]! : Infinity;
  let lastWeekEnd = weekCount > 1 ? weeks[1]! : Infinity;
  /** The week holding `at` (events arrive mostly in time order: try the last one first). */
  const weekOf = (at: number): number => {
    if (at >= lastWeekStart && at < lastWeekEnd) return lastWeek;
    if (weekCount === 0) return -1;
    let lo = 0;
    let hi = weekCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (weeks[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    lastWeek = lo;
    lastWeekStart = lo === 0 ? -Infinity : weeks[lo]!;
    lastWeekEnd = lo + 1 < weekCount ? weeks[lo + 1]! : Infinity;
    return lo;
  };

  const leadIds = new Interner();
  /**
   * Persona keys (the id, else `name:` and the name; 0 is "no persona"), with the ids and names
   * met so far mapped to them (an id spelled like a name key is the same key, as it always was).
   */
  const personaKeys = new Interner();
  personaKeys.of('');
  const personaIds = new Interner();
  const personaIdKey: number[] = [];
  const personaNames = new Interner();
  const personaNameKey: number[] = [];
  const personaOf = (ctx: TandemEvent['context']): number => {
    if (!ctx) return 0;
    const id = ctx.personaId;
    if (id !== undefined) {
      const i = personaIds.of(id);
      return (personaIdKey[i] ??= personaKeys.of(id));
    }
    const name = ctx.personaName;
    if (name === undefined) return 0;
    const i = personaNames.of(name);
    return (personaNameKey[i] ??= personaKeys.of(`name:${name}`));
  };
  /** Stage keys: 0 is "no stage". */
  const stageKeys = new Interner();
  stageKeys.of('');
  const stageOf = (ctx: TandemEvent['context']): number => {
    const stage = ctx?.stage;
    return stage === undefined ? 0 : stageKeys.of(stage);
  };

  /** Every asset id met, by first appearance; `usedOrder` and `ratedOrder` keep section order. */
  const assetIds = new Interner();
  const slotList: AssetSlot[] = [];
  const usedOrder: AssetSlot[] = [];
  const ratedOrder: AssetSlot[] = [];
  const slotOf = (id: string): AssetSlot => {
    const idx = assetIds.of(id);
    let slot = slotList[idx];
    if (!slot) {
      slot = {
        id,
        idx,
        used: false,
        inRange: false,
        lastUsedAll: -Infinity,
        copied: 0,
        sent: 0,
        repSeen: [],
        reps: 0,
        leads: 0,
        personas: { counts: [], order: [] },
        stages: { counts: [], order: [] },
        weekly: [],
        lastUsedAt: -Infinity,
        feedback: undefined,
      };
      slotList.push(slot);
    }
    return slot;
  };
  const slotNamed = (id: string): AssetSlot | undefined => {
    const idx = assetIds.ids.get(id);
    return idx === undefined ? undefined : slotList[idx];
  };
  const markUsed = (slot: AssetSlot) => {
    slot.used = true;
    slot.weekly = new Array<number>(weekCount).fill(0);
    usedOrder.push(slot);
  };
  /** (asset, lead) -> when the asset was first shared with that lead in the range. */
  const firstShared = new PairTable();
  /** (asset, lead) -> the lead's latest open of the asset (all time). */
  const lastOpen = new PairTable();
  const recordOpen = (slot: AssetSlot, lead: number, at: number) => {
    lastOpen.keep(slot.idx, lead, at, false);
  };
  /** Interned lead -> latest verdict (all time), for the SLA; -Infinity for none. */
  const lastVerdict: number[] = [];

  /**
   * The latest verdict per lead in the range, in the order the leads were first judged. A lead is
   * its key, else its CRM record (`record:`), else the event itself (`event:`); keyed leads are
   * found by their interned index, the rest by that string (and an index or string met later
   * that names the same lead finds the same entry).
   */
  const verdictList: LeadVerdictEvent[] = [];
  /** The time of each entry of `verdictList`, so a newer verdict is found without the old event. */
  const verdictAt: number[] = [];
  const verdictByLead: number[] = [];
  const verdictByName = new Map<string, number>();
  const judge = (e: LeadVerdictEvent) => {
    const leadKey = e.leadKey;
    let pos: number | undefined;
    let lead = -1;
    if (leadKey !== undefined) {
      lead = leadIds.of(leadKey);
      pos = verdictByLead[lead];
      if (pos === undefined) {
        pos = verdictByName.get(leadKey);
        if (pos !== undefined) verdictByLead[lead] = pos;
      }
    } else {
      const name = e.record ? `record:${recordKey(e.record)}` : `event:${e.id}`;
      pos = verdictByName.get(name);
      if (pos === undefined) {
        const known = leadIds.ids.get(name);
        pos = known === undefined ? undefined : verdictByLead[known];
        if (pos !== undefined) verdictByName.set(name, pos);
      }
      if (pos === undefined) verdictByName.set(name, verdictList.length);
    }
    const at = e.at;
    if (pos === undefined) {
      if (lead >= 0) verdictByLead[lead] = verdictList.length;
      verdictList.push(e);
      verdictAt.push(at);
    } else if (at > verdictAt[pos]! || (at === verdictAt[pos] && newer(e, verdictList[pos]!))) {
      verdictList[pos] = e;
      verdictAt[pos] = at;
    }
  };
  const reps = new Map<string, RepAcc>();
  /** Email as the event spells it -> its rep (emails differing only in case are one rep). */
  const rawEmails = new Interner();
  const repOfRaw: RepAcc[] = [];
  let totalEvents = 0;
  let totalUsage = 0;
  let totalFeedback = 0;
  let totalVerdicts = 0;
  let totalInsights = 0;
  let scanned = 0;

  const terms = (query.insightSearch ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  let insightItems: FieldInsightEvent[] = [];
  let insightsMatched = 0;
  /** Tag key (trimmed, lower case) -> its count and newest spelling, in first-use order. */
  const tags = new Map<string, TagAcc>();
  /** Tag as spelled in an event -> its key's counter (most tags repeat a few spellings). */
  const tagSpellingIds = new Interner();
  const tagSpellings: TagSpelling[] = [];
  const categories = new Interner();
  const categoryCounts: KeyCounts = { counts: [], order: [] };
  /** Rejection and rating reasons, counted per asset by index. */
  const reasonIds = new Interner();

  const newRep = (e: TandemEvent): RepAcc => {
    const key = e.rep.email.trim().toLowerCase();
    let acc = reps.get(key);
    if (!acc) {
      acc = {
        idx: reps.size,
        email: key,
        name: e.rep.name,
        nameAt: e.at,
        copied: 0,
        sent: 0,
        assetSeen: [],
        assets: 0,
        feedback: 0,
        accepted: 0,
        rejected: 0,
        insights: 0,
        lastActiveAt: e.at,
      };
      reps.set(key, acc);
    } else {
      if (e.at > acc.nameAt) {
        acc.name = e.rep.name;
        acc.nameAt = e.at;
      }
      if (e.at > acc.lastActiveAt) acc.lastActiveAt = e.at;
    }
    repOfRaw[rawEmails.of(e.rep.email)] = acc;
    return acc;
  };

  const matchesSearch = (e: FieldInsightEvent): boolean => {
    if (terms.length === 0) return true;
    const hay = `${e.text}\n${e.tags.join('\n')}\n${e.category}`.toLowerCase();
    return terms.every((w) => hay.includes(w));
  };

  const addUsage = (e: AssetUsageEvent, rep: RepAcc, slot: AssetSlot, at: number) => {
    totalUsage++;
    if (e.action === 'opened') return;
    if (!slot.used) markUsed(slot);
    slot.inRange = true;
    const w = weekOf(at);
    if (e.action === 'copied') {
      slot.copied++;
      rep.copied++;
      if (w >= 0) weeklyCopied[w]!++;
    } else {
      slot.sent++;
      rep.sent++;
      if (w >= 0) weeklySent[w]!++;
    }
    if (w >= 0) slot.weekly[w]!++;
    if (at > slot.lastUsedAt) slot.lastUsedAt = at;
    if (!slot.repSeen[rep.idx]) {
      slot.repSeen[rep.idx] = true;
      slot.reps++;
    }
    if (!rep.assetSeen[slot.idx]) {
      rep.assetSeen[slot.idx] = true;
      rep.assets++;
    }
    const leadKey = e.leadKey;
    if (leadKey !== undefined) {
      const lead = leadIds.of(leadKey);
      if (firstShared.keep(slot.idx, lead, at, true)) slot.leads++;
    }
    const ctx = e.context;
    countKey(slot.personas, personaOf(ctx));
    countKey(slot.stages, stageOf(ctx));
  };

  const addFeedback = (e: ContentFeedbackEvent, rep: RepAcc, slot: AssetSlot, at: number) => {
    totalFeedback++;
    rep.feedback++;
    let acc = slot.feedback;
    if (!acc) {
      acc = {
        useful: 0,
        notRelevant: 0,
        outdated: 0,
        missingInfo: 0,
        reasons: { counts: [], order: [] },
        notes: [],
        notesTotal: 0,
        ratedAt: [],
        usefulFlags: [],
      };
      slot.feedback = acc;
      ratedOrder.push(slot);
    }
    const r = e.rating;
    const useful = r === 'useful';
    if (useful) acc.useful++;
    else if (r === 'outdated') acc.outdated++;
    else if (r === 'not_relevant') acc.notRelevant++;
    else acc.missingInfo++;
    acc.ratedAt.push(at);
    acc.usefulFlags.push(useful ? 1 : 0);
    const reasons = e.reasons;
    for (let k = 0; k < reasons.length; k++) countKey(acc.reasons, reasonIds.of(reasons[k]!));
    if (e.note || reasons.length > 0) {
      acc.notesTotal++;
      acc.notes.push(e);
      acc.notes = trimNewest(acc.notes, NOTES_PER_ASSET);
    }
  };

  const addInsight = (e: FieldInsightEvent, rep: RepAcc, at: number) => {
    totalInsights++;
    rep.insights++;
    if (!matchesSearch(e)) return;
    insightsMatched++;
    countKey(categoryCounts, categories.of(e.category));
    const list = e.tags;
    for (let k = 0; k < list.length; k++) {
      const tag = list[k]!;
      const si = tagSpellingIds.of(tag);
      let spelling = tagSpellings[si];
      if (!spelling) {
        const trimmed = tag.trim();
        const key = trimmed.toLowerCase();
        let acc = tags.get(key);
        if (!acc) tags.set(key, (acc = { count: 0, label: trimmed, at: -Infinity, id: '' }));
        spelling = { key: acc, trimmed };
        tagSpellings[si] = spelling;
      }
      const acc = spelling.key;
      if (at > acc.at || (at === acc.at && e.id > acc.id)) {
        acc.label = spelling.trimmed;
        acc.at = at;
        acc.id = e.id;
      }
      acc.count++;
    }
    insightItems.push(e);
    insightItems = trimNewest(insightItems, INSIGHTS_SHOWN);
  };

  const add = (events: readonly TandemEvent[]) => {
    scanned += events.length;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const at = e.at;
      const kind = e.kind;
      const inRange = at >= from && at < to;
      // Facts that hold whatever the range: opens, last use, last verdict.
      let slot: AssetSlot | undefined;
      if (kind === 'asset_usage') {
        slot = slotOf(e.assetId);
        if (e.action === 'opened') {
          if (e.leadKey !== undefined) recordOpen(slot, leadIds.of(e.leadKey), at);
        } else if (at <= now) {
          if (!slot.used) markUsed(slot);
          if (at > slot.lastUsedAll) slot.lastUsedAll = at;
        }
      } else if (kind === 'lead_verdict') {
        if (e.leadKey !== undefined) {
          const lead = leadIds.of(e.leadKey);
          const seen = lastVerdict[lead];
          if (seen === undefined || at > seen) lastVerdict[lead] = at;
        }
      } else if (kind === 'content_feedback' && inRange) {
        slot = slotOf(e.assetId);
      }

      if (!inRange) continue;
      if (campaign !== undefined) {
        const own =
          e.campaignId ?? (slot !== undefined ? assetById.get(slot.id)?.campaignId : undefined);
        if (own !== campaign) continue;
      }
      totalEvents++;
      let rep = repOfRaw[rawEmails.of(e.rep.email)];
      if (rep) {
        if (at > rep.nameAt) {
          rep.name = e.rep.name;
          rep.nameAt = at;
        }
        if (at > rep.lastActiveAt) rep.lastActiveAt = at;
      } else rep = newRep(e);

      if (kind === 'asset_usage') addUsage(e, rep, slot!, at);
      else if (kind === 'content_feedback') addFeedback(e, rep, slot!, at);
      else if (kind === 'lead_verdict') {
        totalVerdicts++;
        judge(e);
      } else addInsight(e, rep, at);
    }
  };

  const addOpens = (list: readonly AssetOpen[]) => {
    for (const o of list) recordOpen(slotOf(o.assetId), leadIds.of(o.leadKey), o.at);
  };

  const sharedLeads = () => {
    const keys = new Set<number>();
    firstShared.forEach((_, lead) => keys.add(lead));
    return [...keys].map((k) => leadIds.keys[k]!);
  };

  const campaignName = (id: string | undefined) =>
    id === undefined ? undefined : (campaignById.get(id)?.name ?? id);
  const personaLabel = (key: string) =>
    key === '' ? '' : key.startsWith('name:') ? key.slice(5) : (personaById.get(key)?.name ?? key);
  const inCampaign = (a: Asset) => campaign === undefined || a.campaignId === campaign;

  const rankedKeys = (c: KeyCounts, keys: readonly string[], label: (key: string) => string) =>
    c.order
      .map((k) => ({ key: keys[k]!, label: label(keys[k]!), count: c.counts[k]! }))
      .sort((x, y) => y.count - x.count || x.label.localeCompare(y.label));

  const usageRows = (): AssetUsageRow[] => {
    const ids = new Set<string>([
      ...defs.assets.filter(inCampaign).map((a) => a.id),
      ...usedOrder.filter((a) => a.inRange).map((a) => a.id),
    ]);
    const opened = new Array<number>(slotList.length).fill(0);
    firstShared.forEach((asset, lead, first) => {
      const open = lastOpen.get(asset, lead);
      if (open !== undefined && open > first) opened[asset]!++;
    });
    const rows: AssetUsageRow[] = [];
    for (const id of ids) {
      const asset = assetById.get(id);
      const found = slotNamed(id);
      const acc = found?.inRange ? found : undefined;
      const leadsOpened = acc ? opened[acc.idx]! : 0;
      const leads = acc?.leads ?? 0;
      const campaignId = asset?.campaignId;
      rows.push({
        assetId: id,
        title: asset?.title ?? id,
        type: asset?.type ?? '',
        known: asset !== undefined,
        ...(campaignId !== undefined
          ? { campaignId, campaignName: campaignName(campaignId)! }
          : {}),
        copied: acc?.copied ?? 0,
        sent: acc?.sent ?? 0,
        reps: acc?.reps ?? 0,
        leads,
        leadsOpened,
        openRate: rate(leadsOpened, leads),
        personas: acc ? rankedKeys(acc.personas, personaKeys.keys, personaLabel) : [],
        stages: acc
          ? rankedKeys(acc.stages, stageKeys.keys, (k) => stageLabel.get(k as Lead['stage']) ?? k)
          : [],
        weekly: acc ? acc.weekly : new Array<number>(weekCount).fill(0),
        ...(acc && acc.lastUsedAt > -Infinity ? { lastUsedAt: acc.lastUsedAt } : {}),
      });
    }
    return rows.sort(
      (a, b) => b.copied + b.sent - (a.copied + a.sent) || a.title.localeCompare(b.title),
    );
  };

  const lastUsedOf = (id: string) => {
    const slot = slotNamed(id);
    return slot?.used ? slot.lastUsedAll : -Infinity;
  };

  const unusedContent = (): DashboardData['unused'] => {
    const library = defs.assets.filter(
      (a) => inCampaign(a) && (a.expiresAt === undefined || a.expiresAt > now),
    );
    const windows: UnusedWindow[] = UNUSED_WINDOWS_DAYS.map((days) => {
      const since = now - days * DAY_MS;
      const byCampaign = new Map<string, GroupShare>();
      const byStage = new Map<string, GroupShare>();
      const group = (map: Map<string, GroupShare>, key: string, label: string, used: boolean) => {
        let g = map.get(key);
        if (!g) map.set(key, (g = { key, label, total: 0, unused: 0 }));
        g.total++;
        if (!used) g.unused++;
      };
      let inUse = 0;
      for (const a of library) {
        const used = lastUsedOf(a.id) >= since;
        if (used) inUse++;
        group(byCampaign, a.campaignId ?? '', campaignName(a.campaignId) ?? '', used);
        for (const stage of a.stages.length ? a.stages : ['']) group(byStage, stage, stage, used);
      }
      const order = (x: GroupShare, y: GroupShare) =>
        y.unused - x.unused || x.label.localeCompare(y.label);
      return {
        days,
        library: library.length,
        inUse,
        share: rate(inUse, library.length),
        byCampaign: [...byCampaign.values()].sort(order),
        byStage: [...byStage.values()].sort(order),
      };
    });
    const unused: UnusedAsset[] = [];
    for (const a of library) {
      const lastAt = lastUsedOf(a.id);
      const last = lastAt > -Infinity ? lastAt : undefined;
      const unusedIn = UNUSED_WINDOWS_DAYS.filter((d) => lastAt < now - d * DAY_MS);
      if (!unusedIn.length) continue;
      unused.push({
        assetId: a.id,
        title: a.title,
        type: a.type,
        ...(a.campaignId !== undefined
          ? { campaignId: a.campaignId, campaignName: campaignName(a.campaignId)! }
          : {}),
        stages: [...a.stages],
        publishedAt: a.publishedAt,
        ...(last !== undefined ? { lastUsedAt: last } : {}),
        unusedIn: [...unusedIn],
      });
    }
    unused.sort(
      (x, y) => (x.lastUsedAt ?? 0) - (y.lastUsedAt ?? 0) || x.title.localeCompare(y.title),
    );
    return { windows, assets: unused };
  };

  const feedbackRows = (sorted: boolean): FeedbackRow[] => {
    const rows: FeedbackRow[] = [];
    for (const slot of ratedOrder) {
      const id = slot.id;
      const acc = slot.feedback!;
      let useful = acc.usefulFlags;
      if (!sorted) {
        const order = acc.ratedAt
          .map((_, i) => i)
          .sort((x, y) => acc.ratedAt[x]! - acc.ratedAt[y]!);
        useful = order.map((i) => acc.usefulFlags[i]!);
      }
      const n = useful.length;
      const half = Math.floor(n / 2);
      let earlierRate: number | null = null;
      let recentRate: number | null = null;
      if (n >= FALLING_MIN_RATINGS) {
        let older = 0;
        let recent = 0;
        for (let i = 0; i < half; i++) older += useful[i]!;
        for (let i = n - half; i < n; i++) recent += useful[i]!;
        earlierRate = older / half;
        recentRate = recent / half;
      }
      const total = n;
      const notes: FeedbackNote[] = [...acc.notes]
        .sort(byNewest)
        .slice(0, NOTES_PER_ASSET)
        .map((e) => ({
          id: e.id,
          at: e.at,
          rating: e.rating,
          reasons: [...e.reasons],
          ...(e.note ? { note: e.note } : {}),
          repName: e.rep.name,
        }));
      const asset = assetById.get(id);
      rows.push({
        assetId: id,
        title: asset?.title ?? id,
        known: asset !== undefined,
        total,
        useful: acc.useful,
        notRelevant: acc.notRelevant,
        outdated: acc.outdated,
        missingInfo: acc.missingInfo,
        usefulRate: rate(acc.useful, total),
        earlierRate,
        recentRate,
        falling:
          earlierRate !== null && recentRate !== null && earlierRate - recentRate >= FALLING_DROP,
        reasons: rankedKeys(acc.reasons, reasonIds.keys, (k) => k),
        notes,
        notesTotal: acc.notesTotal,
      });
    }
    return rows.sort((a, b) => b.total - a.total || a.title.localeCompare(b.title));
  };

  const leadQuality = (): DashboardData['leads'] => {
    const byCampaign = new Map<string, VerdictGroup>();
    const bySource = new Map<string, VerdictGroup>();
    const byPersona = new Map<string, VerdictGroup>();
    const reasons = new Map<string, number>();
    let accepted = 0;
    let rejected = 0;
    const tally = (map: Map<string, VerdictGroup>, key: string, label: string, ok: boolean) => {
      let g = map.get(key);
      if (!g) map.set(key, (g = { key, label, accepted: 0, rejected: 0, rate: null }));
      if (ok) g.accepted++;
      else g.rejected++;
    };
    for (const e of verdictList) {
      const ok = e.verdict === 'accepted';
      if (ok) accepted++;
      else rejected++;
      const rep = repOfRaw[rawEmails.of(e.rep.email)]!;
      if (ok) rep.accepted++;
      else rep.rejected++;
      tally(byCampaign, e.campaignId ?? '', campaignName(e.campaignId) ?? '', ok);
      const source = (e.leadKey !== undefined && leadByKey.get(e.leadKey)?.originalSource) || '';
      tally(bySource, source, source, ok);
      const ctx = e.context;
      const persona =
        ctx?.personaId ?? (ctx?.personaName !== undefined ? `name:${ctx.personaName}` : '');
      tally(byPersona, persona, personaLabel(persona), ok);
      if (!ok && e.reasonId !== undefined) bump(reasons, e.reasonId);
    }
    const groups = (map: Map<string, VerdictGroup>) =>
      [...map.values()]
        .map((g) => ({ ...g, rate: rate(g.accepted, g.accepted + g.rejected) }))
        .sort(
          (a, b) =>
            b.accepted + b.rejected - (a.accepted + a.rejected) || a.label.localeCompare(b.label),
        );

    const overdue: OverdueMql[] = [];
    const lifecycle = defs.lifecycle;
    if (lifecycle) {
      for (const lead of defs.leads) {
        if (lead.stage !== 'mql') continue;
        const idx = leadIds.ids.get(lead.key);
        const verdictAt = idx === undefined ? undefined : lastVerdict[idx];
        const sla = slaStatus({
          lead,
          lifecycle,
          now,
          ...(verdictAt !== undefined ? { verdictAt } : {}),
        });
        if (!sla.overdue || sla.since === undefined || sla.dueAt === undefined) continue;
        overdue.push({
          leadKey: lead.key,
          name: leadName(lead) || lead.email || lead.key,
          ...(lead.company ? { company: lead.company } : {}),
          since: sla.since,
          dueAt: sla.dueAt,
          hoursOverdue: Math.floor((now - sla.dueAt) / HOUR_MS),
        });
      }
    }
    overdue.sort((a, b) => a.dueAt - b.dueAt || a.name.localeCompare(b.name));
    return {
      accepted,
      rejected,
      rate: rate(accepted, accepted + rejected),
      byCampaign: groups(byCampaign),
      bySource: groups(bySource),
      byPersona: groups(byPersona),
      reasons: ranked(reasons, (k) => reasonLabel.get(k) ?? k).map((r) => ({
        ...r,
        share: rate(r.count, rejected),
      })),
      overdue: overdue.slice(0, OVERDUE_SHOWN),
      overdueTotal: overdue.length,
      ...(lifecycle ? { slaHours: lifecycle.mqlSlaHours } : {}),
    };
  };

  const finish = (): DashboardData => {
    let sorted = true;
    for (const slot of ratedOrder) {
      const acc = slot.feedback!;
      for (let i = 1; i < acc.ratedAt.length && sorted; i++) {
        if (acc.ratedAt[i]! < acc.ratedAt[i - 1]!) sorted = false;
      }
    }
    const leads = leadQuality(); // before the rep rows: it adds each rep's verdicts
    const items: InsightItem[] = [...insightItems]
      .sort(byNewest)
      .slice(0, INSIGHTS_SHOWN)
      .map((e) => ({
        id: e.id,
        at: e.at,
        category: e.category,
        text: e.text,
        tags: [...e.tags],
        repName: e.rep.name,
      }));
    const repRows: RepRow[] = [...reps.values()]
      .map((r) => ({
        email: r.email,
        name: r.name,
        copied: r.copied,
        sent: r.sent,
        assets: r.assets,
        feedback: r.feedback,
        accepted: r.accepted,
        rejected: r.rejected,
        insights: r.insights,
        lastActiveAt: r.lastActiveAt,
      }))
      .sort((a, b) => b.copied + b.sent - (a.copied + a.sent) || a.name.localeCompare(b.name));
    return {
      source: opts.source ?? 'local',
      generatedAt: now,
      ...(query.from !== undefined ? { from: query.from } : {}),
      to,
      timeZone: query.timeZone,
      ...(campaign !== undefined ? { campaignId: campaign } : {}),
      campaigns: [...defs.campaigns]
        .map((c) => ({ id: c.id, name: c.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      totals: {
        events: totalEvents,
        usage: totalUsage,
        feedback: totalFeedback,
        verdicts: totalVerdicts,
        insights: totalInsights,
      },
      weeks,
      weeklyCopied,
      weeklySent,
      assets: usageRows(),
      unused: unusedContent(),
      feedback: feedbackRows(sorted),
      leads,
      insights: {
        total: totalInsights,
        matched: insightsMatched,
        items,
        tags: [...tags]
          .map(([key, t]) => ({ key, label: t.label, count: t.count }))
          .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
        categories: rankedKeys(categoryCounts, categories.keys, (k) => k),
      },
      reps: repRows,
      stats: { scanned },
    };
  };

  return { add, addOpens, sharedLeads, finish };
}

/** Every aggregate over `events` in one call. */
export function aggregateDashboard(
  events: readonly TandemEvent[],
  defs: DashboardDefinitions,
  opts: AggregateOptions & { opens?: readonly AssetOpen[] },
): DashboardData {
  let earliestAt = opts.earliestAt;
  if (earliestAt === undefined && opts.query.from === undefined) {
    for (const e of events) if (earliestAt === undefined || e.at < earliestAt) earliestAt = e.at;
  }
  const agg = createDashboardAggregator(defs, {
    ...opts,
    ...(earliestAt !== undefined ? { earliestAt } : {}),
  });
  agg.add(events);
  if (opts.opens) agg.addOpens(opts.opens);
  return agg.finish();
}
