/**
 * lead-context: getLeadContext for one lead in a store holding 1,000,000 touches (10,000 leads),
 * in real Chromium, through the real background, next to a bare indexed IndexedDB read of the
 * same lead's touches in the same run. Target: p95 <= 10 ms and <= 2x the bare read.
 *
 * - `p50_ms`, `p95_ms`: the `getLeadContext` round trip from an extension page (bench.html)
 *   through the background: identity resolution, the lead's touches, every engine (score,
 *   persona, timeline, recommendations) and the message both ways.
 * - Baseline: a bare indexed read of the same touches, one record per touch, as an IndexedDB
 *   store holds them without any scheme of its own: `getAll` on an index (lead, time) of a
 *   reference database filled with the same 1,000,000 touches, in the same page, interleaved
 *   with the measured calls. (Tandem's store keeps a lead's touches in packs of up to 500
 *   since schema v3, which is why its own read is cheaper than this baseline.)
 * - `pack_read_p95_ms`: that cheaper read, the lead's packs in Tandem's store (one key-range
 *   `getAll` on `touchPacks`), without anything else getLeadContext does;
 *   `ratio_to_pack_read` is getLeadContext's p95 over it.
 * - `in_page_p95_ms`: buildLeadContext called in the page, without the message round trip.
 * - `fixed_round_trip_p95_ms`: getLeadContext for a record the store does not hold (identity
 *   lookups only, a small answer): what asking costs before any touch is read or carried.
 * - `wire_p95_ms`, `wire_kb`, `first_answer_kb`: carrying the answer, in the page: pack, shared
 *   strings, JSON both ways, decode, unpack (ms), and its size on a port that carried earlier
 *   answers (as the sidebar's port has after the first record) and as a port's first answer.
 * - `rank_all_s`, `ranked_leads`: ranking every lead's score (what the sidebar's standing is
 *   read from), as the background does after an import and once a day, timed last in the run;
 *   `rank_task_wait_p95_ms`, `rank_task_wait_max_ms`: how long a task queued during the ranking
 *   waited to run (what a message arriving meanwhile waits for the ranking to yield).
 */
import { resolve } from 'node:path';
import { launchWithExtension } from '../scripts/chromium';
import { percentile, report, row } from './lib';

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const TOUCHES_PER_LEAD = Number(process.env.BENCH_TOUCHES_PER_LEAD ?? 100);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

type BenchApi = {
  populate(leads: number, perLead: number): Promise<{ ms: number; touches: number }>;
  leadContext(i: number): Promise<number>;
  leadContextDirect(i: number): Promise<number>;
  bareRead(i: number): Promise<number>;
  packRead(i: number): Promise<number>;
  unknownRoundTrip(i: number): Promise<number>;
  wire(i: number): Promise<{ ms: number; bytes: number; firstBytes: number }>;
  rankAll(): Promise<{ ms: number; leads: number; lagsMs: number[] }>;
};

export async function leadContextBench(): Promise<void> {
  const { context, extensionId } = await launchWithExtension({
    extensionDir: resolve('.output/bench/chrome-mv3'),
  });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/bench.html`);
    await page.waitForSelector('body[data-ready="1"]');
    const filled = await page.evaluate(
      ([l, p]) => (globalThis as unknown as { tandemBench: BenchApi }).tandemBench.populate(l!, p!),
      [LEADS, TOUCHES_PER_LEAD],
    );
    console.log(
      `  store: ${filled.touches.toLocaleString()} touches for ${LEADS.toLocaleString()} leads, filled in ${(filled.ms / 1000).toFixed(1)} s`,
    );

    const {
      context: ctxMs,
      direct,
      bare,
      packs,
      fixed,
      wire,
      bytes,
      firstBytes,
      cold,
    } = await page.evaluate(
      async ([n, leads]) => {
        const api = (globalThis as unknown as { tandemBench: BenchApi }).tandemBench;
        // Warm up both paths (service worker start, DB open, JIT) before measuring.
        for (let i = 0; i < 20; i++) {
          await api.leadContext(i);
          await api.leadContextDirect(i);
          await api.bareRead(i);
          await api.packRead(i);
        }
        const context: number[] = [];
        const direct: number[] = [];
        const bare: number[] = [];
        const packs: number[] = [];
        const fixed: number[] = [];
        const wire: number[] = [];
        const bytes: number[] = [];
        const firstBytes: number[] = [];
        // The background keeps per-worker caches (definitions, ratings, title and keyword
        // memos; nothing per lead): a measured call is cold when its lead was not asked before.
        const asked = new Set<number>();
        for (let i = 0; i < 20; i++) asked.add(i);
        let cold = 0;
        // Interleaved, on leads spread over the whole store, so both see the same conditions.
        for (let k = 0; k < n!; k++) {
          const i = (k * 7919) % leads!;
          if (!asked.has(i)) cold++;
          asked.add(i);
          context.push(await api.leadContext(i));
          direct.push(await api.leadContextDirect(i));
          bare.push(await api.bareRead(i));
          packs.push(await api.packRead(i));
        }
        // Diagnostics, after the measured calls (their own work would add to the others'):
        // the fixed cost of asking, and what carrying the answer costs and weighs.
        for (let k = 0; k < n!; k++) {
          const i = (k * 7919) % leads!;
          fixed.push(await api.unknownRoundTrip(i));
          const w = await api.wire(i);
          wire.push(w.ms);
          bytes.push(w.bytes);
          firstBytes.push(w.firstBytes);
        }
        return { context, direct, bare, packs, fixed, wire, bytes, firstBytes, cold };
      },
      [SAMPLES, LEADS],
    );
    // Last: the ranking's scan would slow every call measured alongside it.
    const ranked = await page.evaluate(() =>
      (globalThis as unknown as { tandemBench: BenchApi }).tandemBench.rankAll(),
    );
    const p95 = percentile(ctxMs, 95);
    const bareP95 = percentile(bare, 95);
    report('lead-context', [
      row('lead-context', 'p50_ms', percentile(ctxMs, 50), 'ms', percentile(bare, 50), null),
      row('lead-context', 'p95_ms', p95, 'ms', bareP95, '<= 10'),
      { ...row('lead-context', 'ratio', p95 / bareP95, 'x', null, '<= 2') },
      // The same work called in-page, without the message round trip to the service worker.
      row('lead-context', 'in_page_p95_ms', percentile(direct, 95), 'ms', bareP95, null),
      // The same touches read from Tandem's packs, and getLeadContext's p95 over that.
      row('lead-context', 'pack_read_p95_ms', percentile(packs, 95), 'ms', null, null),
      row('lead-context', 'ratio_to_pack_read', p95 / percentile(packs, 95), 'x', null, null),
      // The round trip for a record the store does not hold: the fixed cost of asking.
      row('lead-context', 'fixed_round_trip_p95_ms', percentile(fixed, 95), 'ms', null, null),
      // Packing the context, shared strings, JSON both ways, decoding and unpacking, in the page.
      row('lead-context', 'wire_p95_ms', percentile(wire, 95), 'ms', null, null),
      // The answer's size on the wire: on a port that carried earlier answers (the median),
      // and as the first answer on a port (the median).
      row('lead-context', 'wire_kb', percentile(bytes, 50) / 1024, 'kB', null, null),
      row('lead-context', 'first_answer_kb', percentile(firstBytes, 50) / 1024, 'kB', null, null),
      // How many of the measured calls asked for a lead for the first time in this run.
      row('lead-context', 'cold_calls', cold, `of ${ctxMs.length}`, null, null),
      // Ranking every lead's score: the whole store scanned and scored once.
      row('lead-context', 'rank_all_s', ranked.ms / 1000, 's', null, null),
      row('lead-context', 'ranked_leads', ranked.leads, 'leads', null, null),
      row('lead-context', 'rank_task_wait_p95_ms', percentile(ranked.lagsMs, 95), 'ms', null, null),
      row('lead-context', 'rank_task_wait_max_ms', Math.max(...ranked.lagsMs), 'ms', null, null),
    ]);
  } finally {
    await context.close();
  }
}
