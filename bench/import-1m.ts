/**
 * import-1m: a generated 1,000,000-row Marketo bulk activity extract imported through the real
 * options page (file input, data worker, one IndexedDB transaction) in real Chromium, beside the
 * baseline of the same file only parsed and validated (the page's "only check" mode) in the
 * same run. Reports wall time, rows/s, peak JS memory (page + worker) and the throughput ratio,
 * and how the import's time splits between reading the file and saving into the store.
 * The file is written to the temp directory at bench time, never committed.
 *
 * The memory is V8's used heap plus the ArrayBuffers' bytes (which V8 keeps outside its heap:
 * the import stages touches in them) of the page and of its dedicated workers, read through
 * the DevTools protocol about every 200 ms. (It used to read `performance.memory` in both, which
 * workers do not have and which, without a flag, Chromium refreshes every 20 minutes: the
 * figure was the page's heap at the start.)
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../scripts/chromium';
import { report, row } from './lib';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const LEADS = 20_000;
const TYPES = [6, 7, 10, 11, 1, 2, 104, 22, 13];

async function writeMarketoCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const write = (s: string) =>
    new Promise<void>((res) => (out.write(s) ? res() : out.once('drain', () => res())));
  await write(
    'marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes\n',
  );
  const start = Date.UTC(2026, 0, 1);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const type = TYPES[i % TYPES.length]!;
    const at = new Date(start + i * 17_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const attrs =
      type === 104
        ? '"{""New Status"":""Attended"",""Program Channel"":""Webinar""}"'
        : type === 1
          ? '"{""Webpage URL"":""https://www.example.com/pricing"",""Client IP Address"":""203.0.113.9""}"'
          : '"{""Campaign Run ID"":""71022"",""Is Bot Activity"":false}"';
    chunk += `${10_000_000 + i},${1000 + (i % LEADS)},${at},${type},${8800 + (i % 40)},${5500 + (i % 90)},Nurture email ${i % 90},${attrs}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((res) => out.end(res));
  return statSync(file).size;
}

interface Run {
  seconds: number;
  /** When the status first said the touches were being saved (the file read), in s; or null. */
  savingFrom: number | null;
  peakHeapMb: number;
  status: string;
}

/** V8's used heap plus ArrayBuffer bytes, from `Runtime.getHeapUsage`. */
const inUse = (h: { usedSize?: number; backingStorageSize?: number } | undefined) =>
  (h?.usedSize ?? 0) + (h?.backingStorageSize ?? 0);

/**
 * The JS memory in use (`inUse`) of the page and of its dedicated workers (the data worker
 * that parses and writes), through the DevTools protocol: `performance.memory` exists
 * on pages only, and without a flag Chromium rounds it and refreshes it every 20 minutes.
 */
async function heapSampler(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Set<string>();
  const last = new Map<string, number>();
  const replies = new Map<number, (used: number) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    workers.delete(e.sessionId);
    last.delete(e.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const reply = JSON.parse(e.message) as {
      id?: number;
      result?: { usedSize?: number; backingStorageSize?: number };
    };
    if (reply.id !== undefined) replies.get(reply.id)?.(inUse(reply.result));
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  const workerHeap = async (sessionId: string): Promise<number> => {
    const id = nextId++;
    const used = new Promise<number>((resolve) => {
      replies.set(id, resolve);
      // A worker that does not answer in time keeps its last figure.
      setTimeout(() => resolve(last.get(sessionId) ?? 0), 5000);
    });
    await cdp
      .send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
      })
      .catch(() => undefined);
    const value = await used;
    replies.delete(id);
    last.set(sessionId, value);
    return value;
  };
  return async () => {
    const [pageHeap, ...workerHeaps] = await Promise.all([
      cdp.send('Runtime.getHeapUsage').then(inUse),
      ...[...workers].map(workerHeap),
    ]);
    return workerHeaps.reduce((sum, h) => sum + h, pageHeap);
  };
}

/** Runs one file through the options page, sampling the page's and the worker's JS heap. */
async function runThroughPage(
  page: Page,
  heapOf: () => Promise<number>,
  file: string,
  checkOnly: boolean,
): Promise<Run> {
  const box = page.getByRole('checkbox', { name: /Only check the file/ });
  if ((await box.isChecked()) !== checkOnly) await box.click();
  const before = (await page.getByTestId('import-status').textContent()) ?? '';
  const t0 = performance.now();
  await page.getByTestId('import-file').setInputFiles(file);
  let peak = 0;
  let status = before;
  let savingFrom: number | null = null;
  for (;;) {
    peak = Math.max(peak, await heapOf());
    status = (await page.getByTestId('import-status').textContent()) ?? '';
    if (savingFrom === null && status.startsWith('Saving'))
      savingFrom = (performance.now() - t0) / 1000;
    if (
      status !== before &&
      /^(Imported|Checked|Import cancelled|The import failed|This )/.test(status)
    )
      break;
    if (/rows have errors/.test(status)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    seconds: (performance.now() - t0) / 1000,
    savingFrom,
    peakHeapMb: peak / 1048576,
    status,
  };
}

export async function import1mBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-import-1m-'));
  const file = join(dir, 'marketo-activities-1m.csv');
  const bytes = await writeMarketoCsv(file, ROWS);
  console.log(`  generated ${ROWS.toLocaleString()} rows, ${(bytes / 1048576).toFixed(0)} MB`);
  const { context, extensionId } = await launchWithExtension({
    extensionDir: resolve('.output/bench/chrome-mv3'),
  });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByTestId('import-file').waitFor();
    const heapOf = await heapSampler(page);
    const parse = await runThroughPage(page, heapOf, file, true);
    console.log(`  parse only: ${parse.seconds.toFixed(1)} s  (${parse.status.slice(0, 100)})`);
    const full = await runThroughPage(page, heapOf, file, false);
    console.log(`  import:     ${full.seconds.toFixed(1)} s  (${full.status.slice(0, 100)})`);
    if (!full.status.startsWith('Imported'))
      throw new Error(`import did not complete: ${full.status}`);
    const rate = ROWS / full.seconds;
    const parseRate = ROWS / parse.seconds;
    report('import-1m', [
      row('import-1m', 'total_s', full.seconds, 's', parse.seconds, '<= 60'),
      row('import-1m', 'rows_per_s', rate, 'rows/s', parseRate, null),
      row('import-1m', 'peak_heap_mb', full.peakHeapMb, 'MB', parse.peakHeapMb, '<= 300'),
      row('import-1m', 'ratio_to_parse', rate / parseRate, 'x', null, '>= 0.5'),
      // Where the import's time goes: reading the file (parse, validate, stage the touches,
      // write the leads) until the status says it is saving, then merging the staged touches
      // into the leads' packs and committing. Sampled every 200 ms or so.
      ...(full.savingFrom === null
        ? []
        : [
            row('import-1m', 'read_s', full.savingFrom, 's', parse.seconds, null),
            row('import-1m', 'save_s', full.seconds - full.savingFrom, 's', null, null),
          ]),
    ]);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
