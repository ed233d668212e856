/**
 * Prints what the demo workspace generator produces: counts, bundle JSON size and generation
 * time (first run, then the median of warm runs). Informational, not a test threshold.
 *
 *   node --import tsx scripts/demo-stats.ts [--seed N] [--runs N]
 */
import { DEMO_SEED, generateDemoWorkspace } from '../lib/demo';
import { WorkspaceBundle } from '../lib/model';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

function tally<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

const seed = arg('seed', DEMO_SEED);
const runs = Math.max(1, arg('runs', 5));
const now = Date.now();

let t0 = performance.now();
const bundle = generateDemoWorkspace({ seed, now });
const firstMs = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  t0 = performance.now();
  generateDemoWorkspace({ seed, now });
  warm.push(performance.now() - t0);
}
warm.sort((a, b) => a - b);

t0 = performance.now();
const json = JSON.stringify(bundle);
const stringifyMs = performance.now() - t0;
t0 = performance.now();
WorkspaceBundle.parse(JSON.parse(json));
const parseMs = performance.now() - t0;

const clicks = bundle.touches.filter((t) => t.type === 'email_clicked');
const bots = clicks.filter((t) => t.botSuspect).length;

console.log(`seed ${seed}`);
console.log(
  `leads ${bundle.leads.length}, touches ${bundle.touches.length}, assets ${bundle.assets.length}, ` +
    `campaigns ${bundle.campaigns.length}, personas ${bundle.personas.length}`,
);
console.log(
  `bundle size: ${(json.length / 1e6).toFixed(2)} MB JSON ` +
    `(${(new TextEncoder().encode(json).length / 1e6).toFixed(2)} MB UTF-8)`,
);
console.log(
  `generation: first run ${firstMs.toFixed(0)} ms, warm median ${warm[Math.floor(warm.length / 2)]!.toFixed(0)} ms ` +
    `(${runs} runs); JSON.stringify ${stringifyMs.toFixed(0)} ms; schema parse ${parseMs.toFixed(0)} ms`,
);
console.log(
  `bot-suspect email clicks: ${bots} of ${clicks.length} (${((bots / clicks.length) * 100).toFixed(1)}%)`,
);
console.log(
  'touches by type',
  tally(bundle.touches, (t) => t.type),
);
console.log(
  'leads by stage',
  tally(bundle.leads, (l) => l.stage),
);
console.log(
  'leads by original source',
  tally(bundle.leads, (l) => l.originalSource ?? '(none)'),
);
