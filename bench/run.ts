/**
 * `npm run bench` runs every benchmark; `npm run bench -- NAME...` runs some. Each measures its
 * own baseline in the same run and writes bench/results/NAME.json (rows as PRODUCT.md specifies).
 */
import { dashboardAggregateBench } from './dashboard-aggregate';
import { detectLatencyBench } from './detect-latency';
import { hostOverheadBench } from './host-overhead';
import { hubLoadBench } from './hub-load';
import { import1mBench } from './import-1m';
import { leadContextBench } from './lead-context';
import { sidebarPaintBench } from './sidebar-paint';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  'lead-context': leadContextBench,
  'host-overhead': hostOverheadBench,
  'detect-latency': detectLatencyBench,
  'sidebar-paint': sidebarPaintBench,
  'dashboard-aggregate': dashboardAggregateBench,
  'import-1m': import1mBench,
  'hub-load': hubLoadBench,
};

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    process.exit(2);
  }
  for (const name of asked.length ? asked : Object.keys(BENCHMARKS)) {
    console.log(`running ${name} ...`);
    await BENCHMARKS[name]!();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
