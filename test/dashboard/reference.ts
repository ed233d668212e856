/**
 * The dashboard aggregation written the straightforward way (Maps keyed by strings, a record per
 * asset and rep), as it was before lib/dashboard/aggregate.ts was restructured for a million
 * events. equivalence.test.ts checks that both give the same results; it is the executable
 * statement of the counting rules listed in aggregate.ts.
 */
import { slaStatus } from '../../lib/engine/lifecycle';
import type {
  Asset,
  ContentFeedbackEvent,
  ContentRating,
  FieldInsightEvent,
  Lead,
  LeadVerdictEvent,
  TandemEvent,
} from '../../lib/model';
import { leadName } from '../../lib/model/lead';
import { recordKey } from '../../lib/model/keys';
import type {
  AssetUsageRow,
  DashboardData,
  FeedbackRow,
  GroupShare,
  InsightItem,
  LabelCount,
  OverdueMql,
  RepRow,
  UnusedAsset,
  UnusedWindow,
  VerdictGroup,
} from '../../lib/dashboard/schema';
import { DAY_MS, weekStarts } from '../../lib/dashboard/time';

import {
  FALLING_DROP,
  FALLING_MIN_RATINGS,
  INSIGHTS_SHOWN,
  NOTES_PER_ASSET,
  OVERDUE_SHOWN,
  UNUSED_WINDOWS_DAYS,
  type AggregateOptions,
  type AssetOpen,
  type DashboardAggregator,
  type DashboardDefinitions,
} from '../../lib/dashboard/aggregate';
const HOUR_MS = 3_600_000;

interface AssetAcc {
  /** Dense index, so per-rep marks are array slots rather than hashed sets. */
  idx: number;
  /** Whether any event in the range (and campaign) concerned it. */
  inRange: boolean;
  /** Last copy or send up to now, all time and every campaign (for unused content). */
  lastUsedAll: number;
  copied: number;
  sent: number;
  /** Rep index -> seen; `reps` counts them. */
  repSeen: boolean[];
  reps: number;
  /** Lead key -> when the asset was first shared with that lead in the range. */
  leads: Map<string, number>;
  personas: Map<string, { n: number }>;
  stages: Map<string, { n: number }>;
  weekly: number[];
  lastUsedAt: number;
}

interface FeedbackAcc {
  counts: Record<ContentRating, number>;
  reasons: Map<string, number>;
  notes: ContentFeedbackEvent[];
  notesTotal: number;
  ratedAt: number[];
  useful: number[];
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

const newer = (a: TandemEvent, b: TandemEvent) => a.at > b.at || (a.at === b.at && a.id > b.id);
const byNewest = (a: TandemEvent, b: TandemEvent) =>
  b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
/** The hot-loop variant: one lookup when the key exists. */
const bumpBox = (map: Map<string, { n: number }>, key: string) => {
  const box = map.get(key);
  if (box) box.n++;
  else map.set(key, { n: 1 });
};
const unbox = (map: Map<string, { n: number }>) =>
  new Map([...map].map(([k, v]) => [k, v.n] as const));

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

export function referenceAggregator(
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

  const weeks = weekStarts(query.from ?? opts.earliestAt ?? to, to, query.timeZone).filter(
    (w, i) => i === 0 || w < to,
  );
  const weekCount = weeks.length;
  const weeklyCopied = new Array<number>(weekCount).fill(0);
  const weeklySent = new Array<number>(weekCount).fill(0);
  let lastWeek = 0;
  /** The week holding `at` (events arrive mostly in time order: try the last one first). */
  const weekOf = (at: number): number => {
    if (weekCount === 0) return -1;
    const next = weeks[lastWeek + 1];
    if (at >= weeks[lastWeek]! && (next === undefined || at < next)) return lastWeek;
    let lo = 0;
    let hi = weekCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (weeks[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    lastWeek = lo;
    return lo;
  };

  const assets = new Map<string, AssetAcc>();
  const assetAcc = (id: string): AssetAcc => {
    let acc = assets.get(id);
    if (!acc) {
      acc = {
        idx: assets.size,
        inRange: false,
        lastUsedAll: -Infinity,
        copied: 0,
        sent: 0,
        repSeen: [],
        reps: 0,
        leads: new Map(),
        personas: new Map(),
        stages: new Map(),
        weekly: new Array<number>(weekCount).fill(0),
        lastUsedAt: -Infinity,
      };
      assets.set(id, acc);
    }
    return acc;
  };
  /** Asset id -> lead key -> latest open (all time). */
  const opens = new Map<string, Map<string, number>>();
  const recordOpen = (assetId: string, leadKey: string, at: number) => {
    let byLead = opens.get(assetId);
    if (!byLead) opens.set(assetId, (byLead = new Map()));
    if (at > (byLead.get(leadKey) ?? -Infinity)) byLead.set(leadKey, at);
  };
  const lastUsedOf = (id: string) => assets.get(id)?.lastUsedAll ?? -Infinity;
  /** Lead key -> latest verdict (all time), for the SLA. */
  const lastVerdict = new Map<string, number>();

  const feedback = new Map<string, FeedbackAcc>();
  const verdicts = new Map<string, LeadVerdictEvent>();
  const reps = new Map<string, RepAcc>();
  /** Email as the event spells it -> its rep (emails differing only in case are one rep). */
  const repByRaw = new Map<string, RepAcc>();
  const totals = { events: 0, usage: 0, feedback: 0, verdicts: 0, insights: 0 };
  let scanned = 0;

  const terms = (query.insightSearch ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  let insightItems: FieldInsightEvent[] = [];
  let insightsMatched = 0;
  const tagCounts = new Map<string, number>();
  /** Tag key -> the spelling of its newest use, and when. */
  const tagLabels = new Map<string, { label: string; at: number; id: string }>();
  const categoryCounts = new Map<string, number>();

  const repAcc = (e: TandemEvent): RepAcc => {
    let acc = repByRaw.get(e.rep.email);
    if (acc) {
      if (e.at > acc.nameAt) {
        acc.name = e.rep.name;
        acc.nameAt = e.at;
      }
      if (e.at > acc.lastActiveAt) acc.lastActiveAt = e.at;
      return acc;
    }
    const key = e.rep.email.trim().toLowerCase();
    acc = reps.get(key);
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
    repByRaw.set(e.rep.email, acc);
    return acc;
  };

  const matchesSearch = (e: FieldInsightEvent): boolean => {
    if (terms.length === 0) return true;
    const hay = `${e.text}\n${e.tags.join('\n')}\n${e.category}`.toLowerCase();
    return terms.every((w) => hay.includes(w));
  };

  const add = (events: readonly TandemEvent[]) => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const at = e.at;
      scanned++;
      // Facts that hold whatever the range: opens, last use, last verdict.
      if (e.kind === 'asset_usage') {
        if (e.action === 'opened') {
          if (e.leadKey !== undefined) recordOpen(e.assetId, e.leadKey, at);
        } else if (at <= now) {
          const acc = assetAcc(e.assetId);
          if (at > acc.lastUsedAll) acc.lastUsedAll = at;
        }
      } else if (e.kind === 'lead_verdict' && e.leadKey !== undefined) {
        if (at > (lastVerdict.get(e.leadKey) ?? -Infinity)) lastVerdict.set(e.leadKey, at);
      }

      if (at < from || at >= to) continue;
      if (campaign !== undefined) {
        const own =
          e.campaignId ??
          (e.kind === 'asset_usage' || e.kind === 'content_feedback'
            ? assetById.get(e.assetId)?.campaignId
            : undefined);
        if (own !== campaign) continue;
      }
      totals.events++;
      const rep = repAcc(e);

      switch (e.kind) {
        case 'asset_usage': {
          totals.usage++;
          if (e.action === 'opened') break;
          const acc = assetAcc(e.assetId);
          acc.inRange = true;
          const w = weekOf(at);
          if (e.action === 'copied') {
            acc.copied++;
            rep.copied++;
            if (w >= 0) weeklyCopied[w]!++;
          } else {
            acc.sent++;
            rep.sent++;
            if (w >= 0) weeklySent[w]!++;
          }
          if (w >= 0) acc.weekly[w]!++;
          if (at > acc.lastUsedAt) acc.lastUsedAt = at;
          if (!acc.repSeen[rep.idx]) {
            acc.repSeen[rep.idx] = true;
            acc.reps++;
          }
          if (!rep.assetSeen[acc.idx]) {
            rep.assetSeen[acc.idx] = true;
            rep.assets++;
          }
          if (e.leadKey !== undefined) {
            const first = acc.leads.get(e.leadKey);
            if (first === undefined || at < first) acc.leads.set(e.leadKey, at);
          }
          const ctx = e.context;
          if (ctx) {
            const persona =
              ctx.personaId ?? (ctx.personaName !== undefined ? `name:${ctx.personaName}` : '');
            bumpBox(acc.personas, persona);
            bumpBox(acc.stages, ctx.stage ?? '');
          } else {
            bumpBox(acc.personas, '');
            bumpBox(acc.stages, '');
          }
          break;
        }
        case 'content_feedback': {
          totals.feedback++;
          rep.feedback++;
          let acc = feedback.get(e.assetId);
          if (!acc) {
            acc = {
              counts: { useful: 0, not_relevant: 0, outdated: 0, missing_info: 0 },
              reasons: new Map(),
              notes: [],
              notesTotal: 0,
              ratedAt: [],
              useful: [],
            };
            feedback.set(e.assetId, acc);
          }
          acc.counts[e.rating]++;
          acc.ratedAt.push(at);
          acc.useful.push(e.rating === 'useful' ? 1 : 0);
          for (const r of e.reasons) bump(acc.reasons, r);
          if (e.note || e.reasons.length > 0) {
            acc.notesTotal++;
            acc.notes.push(e);
            acc.notes = trimNewest(acc.notes, NOTES_PER_ASSET);
          }
          break;
        }
        case 'lead_verdict': {
          totals.verdicts++;
          const lead = e.leadKey ?? (e.record ? `record:${recordKey(e.record)}` : `event:${e.id}`);
          const seen = verdicts.get(lead);
          if (!seen || newer(e, seen)) verdicts.set(lead, e);
          break;
        }
        case 'field_insight': {
          totals.insights++;
          rep.insights++;
          if (!matchesSearch(e)) break;
          insightsMatched++;
          bump(categoryCounts, e.category);
          for (const tag of e.tags) {
            const key = tag.trim().toLowerCase();
            const seen = tagLabels.get(key);
            if (!seen || at > seen.at || (at === seen.at && e.id > seen.id))
              tagLabels.set(key, { label: tag.trim(), at, id: e.id });
            bump(tagCounts, key);
          }
          insightItems.push(e);
          insightItems = trimNewest(insightItems, INSIGHTS_SHOWN);
          break;
        }
      }
    }
  };

  const addOpens = (list: readonly AssetOpen[]) => {
    for (const o of list) recordOpen(o.assetId, o.leadKey, o.at);
  };

  const sharedLeads = () => {
    const keys = new Set<string>();
    for (const acc of assets.values()) for (const k of acc.leads.keys()) keys.add(k);
    return [...keys];
  };

  const campaignName = (id: string | undefined) =>
    id === undefined ? undefined : (campaignById.get(id)?.name ?? id);
  const personaLabel = (key: string) =>
    key === '' ? '' : key.startsWith('name:') ? key.slice(5) : (personaById.get(key)?.name ?? key);
  const inCampaign = (a: Asset) => campaign === undefined || a.campaignId === campaign;

  const usageRows = (): AssetUsageRow[] => {
    const ids = new Set<string>([
      ...defs.assets.filter(inCampaign).map((a) => a.id),
      ...[...assets].filter(([, a]) => a.inRange).map(([id]) => id),
    ]);
    const rows: AssetUsageRow[] = [];
    for (const id of ids) {
      const asset = assetById.get(id);
      const found = assets.get(id);
      const acc = found?.inRange ? found : undefined;
      const byLead = opens.get(id);
      let opened = 0;
      if (acc && byLead) {
        for (const [lead, firstShared] of acc.leads) {
          if ((byLead.get(lead) ?? -Infinity) > firstShared) opened++;
        }
      }
      const leads = acc?.leads.size ?? 0;
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
        leadsOpened: opened,
        openRate: rate(opened, leads),
        personas: acc ? ranked(unbox(acc.personas), personaLabel) : [],
        stages: acc
          ? ranked(unbox(acc.stages), (k) => stageLabel.get(k as Lead['stage']) ?? k)
          : [],
        weekly: acc ? acc.weekly : new Array<number>(weekCount).fill(0),
        ...(acc && acc.lastUsedAt > -Infinity ? { lastUsedAt: acc.lastUsedAt } : {}),
      });
    }
    return rows.sort(
      (a, b) => b.copied + b.sent - (a.copied + a.sent) || a.title.localeCompare(b.title),
    );
  };

  /**
   * Unused content restated from its definition, one question at a time: which assets of the
   * library (in the campaign, not expired) no rep used within each window, and how they share
   * out by campaign and by stage (an asset counted once per stage it lists).
   */
  const unusedContent = (): DashboardData['unused'] => {
    const live = defs.assets.filter(
      (a) => inCampaign(a) && !(a.expiresAt !== undefined && a.expiresAt <= now),
    );
    const unusedWithin = (a: Asset, days: number) => lastUsedOf(a.id) < now - days * DAY_MS;
    const shares =
      (keysOf: (a: Asset) => readonly string[], labelOf: (key: string) => string) =>
      (days: number): GroupShare[] =>
        [...new Set(live.flatMap(keysOf))]
          .map((key) => {
            const members = live.flatMap((a) =>
              keysOf(a)
                .filter((k) => k === key)
                .map(() => a),
            );
            const unused = members.filter((a) => unusedWithin(a, days)).length;
            return { key, label: labelOf(key), total: members.length, unused };
          })
          .sort((x, y) => y.unused - x.unused || x.label.localeCompare(y.label));
    const byCampaign = shares(
      (a) => [a.campaignId ?? ''],
      (key) => (key === '' ? '' : (campaignName(key) ?? '')),
    );
    const byStage = shares(
      (a) => (a.stages.length ? a.stages : ['']),
      (key) => key,
    );
    const windows = UNUSED_WINDOWS_DAYS.map((days): UnusedWindow => {
      const inUse = live.filter((a) => !unusedWithin(a, days)).length;
      return {
        days,
        library: live.length,
        inUse,
        share: rate(inUse, live.length),
        byCampaign: byCampaign(days),
        byStage: byStage(days),
      };
    });
    const assetsUnused = live
      .map((a): UnusedAsset | null => {
        const unusedIn = UNUSED_WINDOWS_DAYS.filter((days) => unusedWithin(a, days));
        if (unusedIn.length === 0) return null;
        const lastUsedAt = lastUsedOf(a.id);
        const campaignId = a.campaignId;
        return {
          assetId: a.id,
          title: a.title,
          type: a.type,
          ...(campaignId === undefined
            ? {}
            : { campaignId, campaignName: campaignName(campaignId)! }),
          stages: a.stages.slice(),
          publishedAt: a.publishedAt,
          ...(lastUsedAt === -Infinity ? {} : { lastUsedAt }),
          unusedIn,
        };
      })
      .filter((a): a is UnusedAsset => a !== null)
      .sort((x, y) => (x.lastUsedAt ?? 0) - (y.lastUsedAt ?? 0) || x.title.localeCompare(y.title));
    return { windows, assets: assetsUnused };
  };

  /**
   * Content feedback per asset, restated from its definition: the ratings put in time order
   * (ties in the order they were counted), the earlier and the recent half's share of "useful"
   * once there are enough of them, and the newest notes.
   */
  const feedbackRows = (): FeedbackRow[] =>
    [...feedback]
      .map(([id, acc]): FeedbackRow => {
        const ratings = acc.ratedAt
          .map((at, i) => ({ at, useful: acc.useful[i]! }))
          .sort((x, y) => x.at - y.at)
          .map((r) => r.useful);
        const half = Math.floor(ratings.length / 2);
        const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
        const enough = ratings.length >= FALLING_MIN_RATINGS;
        const earlierRate = enough ? mean(ratings.slice(0, half)) : null;
        const recentRate = enough ? mean(ratings.slice(ratings.length - half)) : null;
        const asset = assetById.get(id);
        return {
          assetId: id,
          title: asset?.title ?? id,
          known: asset !== undefined,
          total: ratings.length,
          useful: acc.counts.useful,
          notRelevant: acc.counts.not_relevant,
          outdated: acc.counts.outdated,
          missingInfo: acc.counts.missing_info,
          usefulRate: rate(acc.counts.useful, ratings.length),
          earlierRate,
          recentRate,
          falling:
            earlierRate !== null && recentRate !== null && earlierRate - recentRate >= FALLING_DROP,
          reasons: ranked(acc.reasons, (k) => k),
          // The newest notes, each as the event said it.
          notes: acc.notes
            .slice()
            .sort(byNewest)
            .filter((_, i) => i < NOTES_PER_ASSET)
            .map(({ id, at, rating, reasons, note, rep }) =>
              note
                ? { id, at, rating, reasons: reasons.slice(), note, repName: rep.name }
                : { id, at, rating, reasons: reasons.slice(), repName: rep.name },
            ),
          notesTotal: acc.notesTotal,
        };
      })
      .sort((x, y) => y.total - x.total || x.title.localeCompare(y.title));

  /**
   * Lead quality restated from its definition: the verdicts (the newest per lead) counted as a
   * whole, then per campaign, original source and persona by filtering them; MQLs past their
   * follow-up SLA found lead by lead.
   */
  const leadQuality = (): DashboardData['leads'] => {
    const all = [...verdicts.values()];
    const isAccepted = (e: LeadVerdictEvent) => e.verdict === 'accepted';
    for (const e of all) {
      const rep = repByRaw.get(e.rep.email)!;
      if (isAccepted(e)) rep.accepted++;
      else rep.rejected++;
    }
    const accepted = all.filter(isAccepted).length;
    const rejected = all.length - accepted;
    const groupsBy = (
      keyOf: (e: LeadVerdictEvent) => string,
      labelOf: (key: string) => string,
    ): VerdictGroup[] =>
      [...new Set(all.map(keyOf))]
        .map((key) => {
          const mine = all.filter((e) => keyOf(e) === key);
          const yes = mine.filter(isAccepted).length;
          return {
            key,
            label: labelOf(key),
            accepted: yes,
            rejected: mine.length - yes,
            rate: rate(yes, mine.length),
          };
        })
        .sort(
          (x, y) =>
            y.accepted + y.rejected - (x.accepted + x.rejected) || x.label.localeCompare(y.label),
        );
    const reasons = new Map<string, number>();
    for (const e of all) if (!isAccepted(e) && e.reasonId !== undefined) bump(reasons, e.reasonId);

    const lifecycle = defs.lifecycle;
    const overdue: OverdueMql[] = lifecycle
      ? defs.leads
          .filter((lead) => lead.stage === 'mql')
          .map((lead) => {
            const verdictAt = lastVerdict.get(lead.key);
            const sla = slaStatus({
              lead,
              lifecycle,
              now,
              ...(verdictAt === undefined ? {} : { verdictAt }),
            });
            return { lead, sla };
          })
          .flatMap(({ lead, sla: { overdue, since, dueAt } }): OverdueMql[] => {
            if (!overdue || since === undefined || dueAt === undefined) return [];
            // Whole hours past the due time (it is past: the lead is overdue).
            const hoursOverdue = Math.trunc((now - dueAt) / HOUR_MS);
            const name = leadName(lead) || lead.email || lead.key;
            const { key: leadKey, company } = lead;
            return [{ leadKey, name, ...(company ? { company } : {}), since, dueAt, hoursOverdue }];
          })
          .sort((x, y) => x.dueAt - y.dueAt || x.name.localeCompare(y.name))
      : [];
    return {
      accepted,
      rejected,
      rate: rate(accepted, all.length),
      byCampaign: groupsBy(
        (e) => e.campaignId ?? '',
        (key) => (key === '' ? '' : (campaignName(key) ?? '')),
      ),
      bySource: groupsBy(
        (e) => (e.leadKey !== undefined && leadByKey.get(e.leadKey)?.originalSource) || '',
        (key) => key,
      ),
      byPersona: groupsBy((e) => {
        const ctx = e.context;
        return ctx?.personaId ?? (ctx?.personaName !== undefined ? `name:${ctx.personaName}` : '');
      }, personaLabel),
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
      totals: { ...totals },
      weeks,
      weeklyCopied,
      weeklySent,
      assets: usageRows(),
      unused: unusedContent(),
      feedback: feedbackRows(),
      leads,
      insights: {
        total: totals.insights,
        matched: insightsMatched,
        items,
        tags: ranked(tagCounts, (k) => tagLabels.get(k)?.label ?? k),
        categories: ranked(categoryCounts, (k) => k),
      },
      reps: repRows,
      stats: { scanned },
    };
  };

  return { add, addOpens, sharedLeads, finish };
}

/** Every aggregate over `events` in one call. */
export function referenceDashboard(
  events: readonly TandemEvent[],
  defs: DashboardDefinitions,
  opts: AggregateOptions & { opens?: readonly AssetOpen[] },
): DashboardData {
  let earliestAt = opts.earliestAt;
  if (earliestAt === undefined && opts.query.from === undefined) {
    for (const e of events) if (earliestAt === undefined || e.at < earliestAt) earliestAt = e.at;
  }
  const agg = referenceAggregator(defs, {
    ...opts,
    ...(earliestAt !== undefined ? { earliestAt } : {}),
  });
  agg.add(events);
  if (opts.opens) agg.addOpens(opts.opens);
  return agg.finish();
}
