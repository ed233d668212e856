/**
 * Deterministic sample events over a workspace (a team of reps using its content, rating it,
 * judging its leads): what the dashboard screenshot and the `dashboard-aggregate` benchmark
 * run on. Not used by the extension itself.
 */
import { Random } from '../demo/random';
import type { ContentRating, InsightCategory, TandemEvent, WorkspaceBundle } from '../model';

const REPS = [
  'Maya Chen',
  'Luis Ortega',
  'Priya Nair',
  'Tom Becker',
  'Awa Diallo',
  'Jonas Berg',
  'Sofia Rossi',
  'Kenji Sato',
];
const INSIGHTS: [InsightCategory, string, string[]][] = [
  [
    'objection',
    'Security review takes them 3 months; they want a SOC 2 summary up front',
    ['security', 'soc2'],
  ],
  [
    'competitor',
    'Evaluating Northwind too: they lead with a lower entry price',
    ['northwind', 'pricing'],
  ],
  ['product_gap', 'Asked for an SSO integration with their identity provider', ['sso']],
  ['market_trend', 'Budgets moving from events to webinars this year', ['budget', 'webinars']],
  ['objection', 'Too expensive for a team under 20 people', ['pricing', 'smb']],
  ['competitor', 'Current vendor offers a free migration', ['migration']],
  ['product_gap', 'No Dutch localisation yet', ['localisation']],
];
const REASONS = ['Too long', 'Wrong persona', 'Old numbers', 'Needs a customer logo'];
const NOTES = [
  'Prospect loved the benchmark chart',
  'Pricing page figures are from last year',
  'Great for first calls with finance',
  'Missing the integration list',
];

const uuid = (rng: Random, at: number) => {
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len);
  return `${hex(Math.floor(at / 65536), 8)}-${hex(at, 4)}-7${hex(rng.int(0, 4095), 3)}-${hex(
    8 + rng.int(0, 3),
    1,
  )}${hex(rng.int(0, 4095), 3)}-${hex(rng.int(0, 0xffffff), 6)}${hex(rng.int(0, 0xffffff), 6)}`;
};

/** `count` events spread over the `days` before `now`, oldest first. */
export function sampleEvents(
  bundle: Pick<WorkspaceBundle, 'assets' | 'leads' | 'personas' | 'lifecycle'>,
  opts: { count: number; now: number; days?: number; seed?: number },
): TandemEvent[] {
  const rng = new Random(opts.seed ?? 7);
  const span = (opts.days ?? 120) * 86_400_000;
  const reps = REPS.map((name) => ({
    name,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
  }));
  // A few favourite assets take most of the use, as in real teams; some are never used.
  const assets = bundle.assets.slice(0, Math.max(1, Math.ceil(bundle.assets.length * 0.7)));
  const pickAsset = () => assets[Math.floor(assets.length * rng.next() ** 2)]!;
  const leads = bundle.leads;
  const reasons = bundle.lifecycle.rejectionReasons;
  const out: TandemEvent[] = [];
  for (let i = 0; i < opts.count; i++) {
    const at = opts.now - span + Math.floor(((i + rng.next()) * span) / opts.count);
    const rep = reps[rng.int(0, reps.length - 1)]!;
    const lead = leads[rng.int(0, leads.length - 1)];
    const persona = bundle.personas[rng.int(0, bundle.personas.length - 1)];
    const base = {
      id: uuid(rng, at),
      at,
      rep,
      ...(lead ? { leadKey: lead.key } : {}),
      ...(persona
        ? {
            context: {
              personaId: persona.id,
              personaName: persona.name,
              stage: lead?.stage ?? 'mql',
            },
          }
        : {}),
    };
    const roll = rng.next();
    if (roll < 0.55) {
      const asset = pickAsset();
      const r = rng.next();
      out.push({
        ...base,
        kind: 'asset_usage',
        action: r < 0.45 ? 'copied' : r < 0.85 ? 'sent' : 'opened',
        assetId: asset.id,
        ...(asset.campaignId ? { campaignId: asset.campaignId } : {}),
      });
    } else if (roll < 0.75) {
      const asset = pickAsset();
      // Later ratings of the first asset turn sour: the dashboard shows it falling.
      const sour = asset === assets[0] && at > opts.now - span / 3;
      const r = rng.next();
      const rating: ContentRating = sour
        ? r < 0.3
          ? 'useful'
          : 'outdated'
        : r < 0.6
          ? 'useful'
          : r < 0.75
            ? 'not_relevant'
            : r < 0.9
              ? 'outdated'
              : 'missing_info';
      const withWords = rating !== 'useful' && rng.chance(0.5);
      out.push({
        ...base,
        kind: 'content_feedback',
        assetId: asset.id,
        ...(asset.campaignId ? { campaignId: asset.campaignId } : {}),
        rating,
        reasons: withWords ? [REASONS[rng.int(0, REASONS.length - 1)]!] : [],
        ...(rng.chance(0.25) ? { note: NOTES[rng.int(0, NOTES.length - 1)]! } : {}),
      });
    } else if (roll < 0.9) {
      const accepted = rng.chance(0.62);
      const campaign = bundle.assets[rng.int(0, bundle.assets.length - 1)]?.campaignId;
      out.push({
        ...base,
        kind: 'lead_verdict',
        verdict: accepted ? 'accepted' : 'rejected',
        ...(accepted
          ? {}
          : { reasonId: reasons[Math.floor(reasons.length * rng.next() ** 1.5)]!.id }),
        ...(campaign ? { campaignId: campaign } : {}),
      });
    } else {
      const [category, text, tags] = INSIGHTS[rng.int(0, INSIGHTS.length - 1)]!;
      out.push({ ...base, kind: 'field_insight', category, text, tags });
    }
  }
  return out;
}
