/**
 * Explainable lead scoring: fit (who the lead is), engagement (what they did, decaying with a
 * half-life), negatives, caps, thresholds, a grade, 90 days of history and what would raise the
 * score next. Every point in the total is traceable to one contribution.
 *
 * Numbers: all arithmetic runs in full precision and only the result is rounded, to one decimal
 * (decay factors to three). Decisions a rep can see (grade, stage suggestion, distance to the
 * thresholds) are taken on the rounded numbers, so the sidebar never shows "50.0" next to
 * "not an MQL yet" for a 49.96.
 *
 * The total is clamped at 0: negatives can wipe out what a lead earned, but a negative total
 * carries no extra meaning for a rep and would only confuse the thresholds.
 */
import type {
  Asset,
  Contribution,
  EngagementRule,
  Lead,
  LifecycleStage,
  NegativeRule,
  ScoreResult,
  ScoringModel,
  Touch,
  TouchType,
} from '../model';
import { evaluateCondition } from './conditions';
import { subjectOf } from './persona';

export const DAY_MS = 86_400_000;
/** Number of daily points in `ScoreResult.history`. */
export const HISTORY_DAYS = 90;

export interface ScoreInput {
  lead: Lead;
  touches: readonly Touch[];
  assets: ReadonlyMap<string, Asset>;
  model: ScoringModel;
  now: number;
  /**
   * Whether to compute the 90-day `history` (the default). Ranking every lead in the workspace
   * needs only the totals: without it, `history` is empty.
   */
  history?: boolean;
}

/**
 * Rounds to one decimal, half away from zero. Values are first snapped to 1e-6 so that
 * floating-point noise (49.9999999997 from summing decayed points in a different order) rounds
 * the same way everywhere.
 */
export function round1(x: number): number {
  const snapped = Math.round(Math.abs(x) * 1e6) / 1e5;
  const r = (Math.sign(x) * Math.round(snapped)) / 10;
  return r === 0 ? 0 : r;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Touches that count for scoring: real (not bot-suspect) and not in the future. */
export function scorableTouches(touches: readonly Touch[], now: number): Touch[] {
  return sortByTime(touches.filter((t) => !t.botSuspect && t.at <= now));
}

function byTimeThenId(a: Touch, b: Touch): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Sorts touches oldest first (ties by id) in place and returns them. Touches usually come from a
 * time index already in order, or in reverse: both are detected in one pass and skip the sort.
 */
export function sortByTime(touches: Touch[]): Touch[] {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < touches.length && (ascending || descending); i++) {
    const c = byTimeThenId(touches[i - 1]!, touches[i]!);
    if (c > 0) ascending = false;
    if (c < 0) descending = false;
  }
  if (ascending) return touches;
  if (descending) return touches.reverse();
  return touches.sort(byTimeThenId);
}

interface RuleState {
  rule: EngagementRule;
  order: number;
  needles: string[] | undefined;
  assetTypes: ReadonlySet<string> | undefined;
  /** Matching touches, oldest first. */
  touches: Touch[];
  /** Points after the rule cap (before the category cap). */
  total: number;
}

function touchText(t: Touch): string {
  return `${t.detail ?? ''}\n${t.url ?? ''}`.toLowerCase();
}

/** Whether a touch passes an engagement rule's asset-type and URL filters (type already checked). */
function passesFilters(
  rs: RuleState,
  touch: Touch,
  assets: ReadonlyMap<string, Asset>,
  text: () => string,
): boolean {
  if (rs.assetTypes) {
    const asset = touch.assetId !== undefined ? assets.get(touch.assetId) : undefined;
    if (!asset || !rs.assetTypes.has(asset.type)) return false;
  }
  if (rs.needles) {
    const hay = text();
    if (!rs.needles.some((n) => hay.includes(n))) return false;
  }
  return true;
}

const STAGE_ORDER: Record<LifecycleStage, number> = {
  disqualified: -1,
  subscriber: 0,
  lead: 1,
  mql: 2,
  sal: 3,
  sql: 4,
  opportunity: 5,
  customer: 6,
};

/**
 * What stage the score supports. Sales-owned stages (SAL and beyond) are never moved backwards:
 * a decaying score does not undo a rep's decision. An MQL whose score fell below the line is
 * suggested back to `lead` (recycling), and a disqualified lead stays disqualified unless its
 * score crosses a threshold again.
 */
export function suggestStage(
  current: LifecycleStage,
  total: number,
  thresholds: { mql: number; sql: number },
): LifecycleStage {
  let byScore: LifecycleStage;
  if (total >= thresholds.sql) byScore = 'sql';
  else if (total >= thresholds.mql) byScore = 'mql';
  else if (current === 'subscriber' || current === 'lead' || current === 'disqualified') {
    byScore = current;
  } else byScore = 'lead';
  if (STAGE_ORDER[current] >= STAGE_ORDER.sal && STAGE_ORDER[current] > STAGE_ORDER[byScore]) {
    return current;
  }
  return byScore;
}

/** The first band (highest minFit first, whatever order the model lists them in) the fit reaches. */
export function gradeFor(fitPercent: number, bands: ScoringModel['gradeBands']): string {
  const sorted = [...bands].sort((a, b) => b.minFit - a.minFit);
  const hit = sorted.find((b) => b.minFit <= fitPercent);
  return (hit ?? sorted[sorted.length - 1])?.grade ?? '';
}

/**
 * Sample times of the history: the end (last millisecond) of each of the 89 UTC days before
 * today, oldest first, then `now` itself.
 */
export function historyTimes(now: number): number[] {
  const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const times: number[] = [];
  for (let k = HISTORY_DAYS - 2; k >= 0; k--) times.push(Math.max(0, todayStart - k * DAY_MS - 1));
  times.push(now);
  return times;
}

export function scoreLead(input: ScoreInput): ScoreResult {
  const { lead, assets, model, now } = input;
  const subject = subjectOf(lead);
  const competitors = model.competitorDomains;
  const halfLifeMs = model.engagement.halfLifeDays * DAY_MS;

  // ---- fit: rules in model order; the cap cuts the rules listed last ----
  const fitCap = model.fit.cap;
  const fitContribs: Contribution[] = [];
  let fitRaw = 0;
  let fitRemaining = fitCap;
  for (const rule of model.fit.rules) {
    if (!evaluateCondition(rule.condition, subject, competitors).matched) continue;
    fitRaw += rule.points;
    const counted = Math.min(rule.points, Math.max(0, fitRemaining));
    fitRemaining -= counted;
    fitContribs.push({
      ruleId: rule.id,
      label: rule.label,
      category: 'fit',
      rawPoints: rule.points,
      points: counted,
      decayFactor: 1,
      capped: counted < rule.points,
    });
  }
  const fit = Math.min(fitRaw, fitCap);

  // ---- engagement: match every scorable touch to its rules once ----
  const touches = scorableTouches(input.touches, now);
  const states: RuleState[] = model.engagement.rules.map((rule, order) => ({
    rule,
    order,
    needles: rule.urlContains?.map((s) => s.toLowerCase()),
    assetTypes: rule.assetTypes ? new Set(rule.assetTypes) : undefined,
    touches: [],
    total: 0,
  }));
  const byType = new Map<TouchType, RuleState[]>();
  for (const rs of states) {
    for (const type of new Set(rs.rule.touchTypes)) {
      const list = byType.get(type);
      if (list) list.push(rs);
      else byType.set(type, [rs]);
    }
  }
  const negByType = new Map<TouchType, NegativeRule[]>();
  for (const r of model.negative) {
    if (r.when.kind !== 'touch') continue;
    for (const type of new Set(r.when.touchTypes)) {
      const list = negByType.get(type);
      if (list) list.push(r);
      else negByType.set(type, [r]);
    }
  }

  const negContribs: Contribution[] = [];
  /** Touch negatives in time order, for the history. */
  const negTimeline: { at: number; points: number }[] = [];
  for (const t of touches) {
    const rules = byType.get(t.type);
    if (rules) {
      let text: string | undefined;
      const lazyText = () => (text ??= touchText(t));
      for (const rs of rules) if (passesFilters(rs, t, assets, lazyText)) rs.touches.push(t);
    }
    const negs = negByType.get(t.type);
    if (negs) {
      for (const r of negs) {
        negTimeline.push({ at: t.at, points: r.points });
        negContribs.push({
          ruleId: r.id,
          label: r.label,
          category: 'negative',
          rawPoints: r.points,
          points: r.points,
          touchId: t.id,
          at: t.at,
          ageDays: (now - t.at) / DAY_MS,
          decayFactor: 1,
          capped: false,
        });
      }
    }
  }
  let negFit = 0;
  for (const r of model.negative) {
    if (r.when.kind !== 'fit') continue;
    if (!evaluateCondition(r.when.condition, subject, competitors).matched) continue;
    negFit += r.points;
    negContribs.push({
      ruleId: r.id,
      label: r.label,
      category: 'negative',
      rawPoints: r.points,
      points: r.points,
      decayFactor: 1,
      capped: false,
    });
  }

  // ---- engagement contributions: newest touches fill each rule's cap first ----
  const engContribs: (Contribution & { order: number })[] = [];
  let engRaw = 0;
  for (const rs of states) {
    const { rule } = rs;
    const decays = rule.decays !== false;
    let remaining = rule.cap ?? Infinity;
    for (let i = rs.touches.length - 1; i >= 0; i--) {
      const t = rs.touches[i]!;
      const ageMs = now - t.at;
      const factor = decays ? 0.5 ** (ageMs / halfLifeMs) : 1;
      const raw = rule.points * factor;
      const counted = Math.min(raw, Math.max(0, remaining));
      remaining -= counted;
      rs.total += counted;
      engContribs.push({
        ruleId: rule.id,
        label: rule.label,
        category: 'engagement',
        rawPoints: rule.points,
        points: counted,
        touchId: t.id,
        at: t.at,
        ageDays: ageMs / DAY_MS,
        decayFactor: factor,
        capped: counted < raw,
        order: rs.order,
      });
    }
    engRaw += rs.total;
  }
  const engCap = model.engagement.cap;
  const engagementCapped = engRaw > engCap;
  if (engagementCapped) {
    // The category cap also keeps the newest touches whole and cuts the oldest.
    const byRecency = [...engContribs].sort(
      (a, b) => (b.at ?? 0) - (a.at ?? 0) || a.order - b.order,
    );
    let remaining = engCap;
    for (const c of byRecency) {
      const counted = Math.min(c.points, Math.max(0, remaining));
      remaining -= counted;
      if (counted < c.points) {
        c.points = counted;
        c.capped = true;
      }
    }
  }
  const engagement = Math.min(engRaw, engCap);

  let negative = negFit;
  for (const n of negTimeline) negative += n.points;

  const total = Math.max(0, fit + engagement + negative);
  const totalShown = round1(total);
  const thresholds = { mql: model.thresholds.mql, sql: model.thresholds.sql };

  const fitPercent = round1(Math.min(100, Math.max(0, (fit / fitCap) * 100)));

  // ---- boosters: what one more qualifying touch today would add ----
  const engRemaining = engCap - engagement;
  const boosters = states
    .map((rs) => ({
      ruleId: rs.rule.id,
      label: rs.rule.label,
      gain: round1(Math.min(rs.rule.points, (rs.rule.cap ?? Infinity) - rs.total, engRemaining)),
    }))
    .filter((b) => b.gain > 0)
    .sort((a, b) => b.gain - a.gain)
    .slice(0, 3);

  const history =
    input.history === false
      ? []
      : scoreHistory({
          states,
          negTimeline,
          constant: fit + negFit,
          engCap,
          halfLifeMs,
          now,
        });

  const roundContribution = (c: Contribution): Contribution => {
    const out: Contribution = {
      ruleId: c.ruleId,
      label: c.label,
      category: c.category,
      rawPoints: c.rawPoints,
      points: round1(c.points),
      decayFactor: round3(c.decayFactor),
      capped: c.capped,
    };
    if (c.touchId !== undefined) out.touchId = c.touchId;
    if (c.at !== undefined) out.at = c.at;
    if (c.ageDays !== undefined) out.ageDays = round1(c.ageDays);
    return out;
  };
  const engSorted = engContribs
    .map((c) => ({ c: roundContribution(c), order: c.order }))
    .sort((a, b) => b.c.points - a.c.points || (b.c.at ?? 0) - (a.c.at ?? 0) || a.order - b.order)
    .map((x) => x.c);
  // Negatives: who-the-lead-is rules first, then touch rules newest first.
  const negSorted = [
    ...negContribs.filter((c) => c.at === undefined),
    ...negContribs.filter((c) => c.at !== undefined).reverse(),
  ];

  return {
    fit: round1(fit),
    fitCap,
    fitCapped: fitRaw > fitCap,
    engagement: round1(engagement),
    engagementCap: engCap,
    engagementCapped,
    negative: round1(negative),
    total: totalShown,
    fitPercent,
    grade: gradeFor(fitPercent, model.gradeBands),
    contributions: [
      ...fitContribs.map(roundContribution),
      ...engSorted,
      ...negSorted.map(roundContribution),
    ],
    thresholds,
    toMql: round1(Math.max(0, thresholds.mql - totalShown)),
    toSql: round1(Math.max(0, thresholds.sql - totalShown)),
    stageSuggestion: suggestStage(lead.stage, totalShown, thresholds),
    history,
    boosters,
  };
}

/**
 * Daily totals without rescoring every touch for every day. Each rule keeps a running decayed
 * sum: stepping from one sample time to the next multiplies it by 0.5^(step / half-life) and
 * adds the touches that happened in between, each decayed from its own time. Caps are applied to
 * the sums (min(sum, rule cap), then the category cap), which equals the newest-first capping of
 * the contributions list because both count min(sum, cap). Cost: O(touches + days x rules).
 */
function scoreHistory(args: {
  states: readonly RuleState[];
  negTimeline: readonly { at: number; points: number }[];
  constant: number;
  engCap: number;
  halfLifeMs: number;
  now: number;
}): { at: number; total: number }[] {
  const { states, negTimeline, constant, engCap, halfLifeMs, now } = args;
  const times = historyTimes(now);
  const sums = new Float64Array(states.length);
  const next = new Uint32Array(states.length);
  let negIndex = 0;
  let negSum = 0;
  const out: { at: number; total: number }[] = [];
  let prev = times[0]!;
  for (const t of times) {
    const step = 0.5 ** ((t - prev) / halfLifeMs);
    prev = t;
    let engagement = 0;
    for (let r = 0; r < states.length; r++) {
      const rs = states[r]!;
      const decays = rs.rule.decays !== false;
      let s = decays ? sums[r]! * step : sums[r]!;
      let i = next[r]!;
      const list = rs.touches;
      while (i < list.length && list[i]!.at <= t) {
        const at = list[i]!.at;
        s += decays ? rs.rule.points * 0.5 ** ((t - at) / halfLifeMs) : rs.rule.points;
        i++;
      }
      next[r] = i;
      sums[r] = s;
      engagement += Math.min(s, rs.rule.cap ?? Infinity);
    }
    while (negIndex < negTimeline.length && negTimeline[negIndex]!.at <= t) {
      negSum += negTimeline[negIndex]!.points;
      negIndex++;
    }
    const total = Math.max(0, constant + Math.min(engagement, engCap) + negSum);
    out.push({ at: t, total: round1(total) });
  }
  return out;
}
