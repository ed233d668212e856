/**
 * sidebar-paint: how long after a record is detected the sidebar shows that record's data on
 * screen, on the large, continuously mutating Lightning-like page (bench/pages/large-crm-page.ts,
 * the same page as `detect-latency`), in real Chromium with the built extension.
 *
 * - "Record detected": `<tandem-sidebar>` is inserted into `document.documentElement` (the content
 *   script inserts it synchronously once detection resolves). A MutationObserver on
 *   `document.documentElement` in the page's main world, installed by an init script before the
 *   page's own scripts run, timestamps the insertion (its callback runs at the microtask
 *   checkpoint right after the content script's synchronous mount).
 * - "Content painted": the first frame after the (open) shadow root contains the rendered record,
 *   `[data-testid="record"]`, i.e. `getLeadContext` answered and React committed. On the insertion
 *   the same callback attaches a MutationObserver (childList, subtree) to `host.shadowRoot`; when
 *   the record element appears, a `requestAnimationFrame` callback is requested and, from it, a
 *   `setTimeout(0)`: the rAF callback runs just before that frame's style/layout/paint, the timer
 *   task right after the frame has been produced, so its `performance.now()` is the standard
 *   "next paint" approximation. (Element Timing does not report elements inside shadow trees, so
 *   it cannot see the sidebar.) Each sample checks `data-record-id` against the navigated record:
 *   a wrong record, an error state or no paint within 5 s fails the bench.
 * - Main rows (`p50_ms`, `p95_ms`): painted - inserted over `NAVIGATIONS` in-app navigations
 *   (`window.crmNavigate`, as Lightning's router: `history.pushState` and render in one task)
 *   cycling through the five showcase Salesforce records, after a first one (from Home, which
 *   injects sidebar.js and may wait for the demo workspace to be seeded) reported as `first_ms`.
 * - Baseline, in the same run and interleaved (one after each navigation, on the same record
 *   page with the sidebar showing): the page's main world creates a `<tandem-bench-empty>`
 *   element, attaches an open shadow root holding a little content (a `<style>` and a
 *   `<div data-testid="record" data-record-id="baseline">`), appends it to
 *   `document.documentElement` and removes it once measured; the same observer and the same
 *   rAF + setTimeout(0) code time it (insertion -> next paint), so the ratio is what the sidebar
 *   (message round trip to the background, React render and commit, the bigger paint) adds over
 *   the cheapest possible shadow-root mount.
 * - `nav_baseline_p50_ms`, `nav_baseline_p95_ms`: the same empty element mounted where the
 *   sidebar is mounted, in the navigation's own task right after the page rendered the record,
 *   over as many navigations, in the same run but in a browser without the extension (started
 *   after the main browser is closed). Rendering a record makes the page's next frame long (tens
 *   of ms on this page); nothing mounted in that task can paint before that frame is over, and
 *   the sidebar's data (a round trip to the background) can only be rendered after it.
 *   `p95_over_nav_baseline` is the main p95 over this one.
 * - `late_p50_ms`, `late_p95_ms`: `LATE_NAVIGATIONS` more navigations where the page renders the
 *   record's body (its fields) `LATE_MS` after the URL changed, as Lightning often does; timed
 *   the same way, from the insertion (the fields detected) to the painted record. The sidebar
 *   asks for the record's data as soon as the URL names the record (so it does on the main
 *   rows too, before the page renders the record in the same task).
 * - `commit_p50_ms`, `commit_p95_ms`: insertion -> record element in the shadow root (the data
 *   round trip and React), the part of the main rows before the frame.
 * - The main rows time the record's first screen: the sidebar commits the header (name, match,
 *   stage, SLA) and the score breakdown first, and the sections below them (persona, touches,
 *   content) once that first screen has been painted. `complete_p50_ms`, `complete_p95_ms` time the
 *   whole sidebar: insertion -> the first frame after the persona section is in the shadow root.
 */
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension, launchWithoutExtension } from '../scripts/chromium';
import { percentile, report, row } from './lib';
import {
  HOME_PATH,
  PAGE_ORIGIN,
  PAGE_RECORDS,
  largeCrmPage,
  recordPath,
  type PageRecord,
  checkPageRecords,
  serveLargePage,
} from './pages/large-crm-page';

const NAVIGATIONS = Number(process.env.BENCH_PAINT_NAVIGATIONS ?? 120);
const LATE_NAVIGATIONS = Number(process.env.BENCH_PAINT_LATE_NAVIGATIONS ?? 40);
/** How long after the URL change the late navigations render the record's body. */
const LATE_MS = 50;
const NAME = 'sidebar-paint';
const SIDEBAR_TAG = 'TANDEM-SIDEBAR';
const EMPTY_TAG = 'TANDEM-BENCH-EMPTY';
const TIMEOUT_MS = 5000;
const FIRST_TIMEOUT_MS = 30_000;
/** Present once the sidebar's last sections (persona, touches, content) are rendered. */
const WHOLE = '[data-testid="persona-top"]';

/**
 * Main-world instrumentation, run by an init script before the page's own scripts. Plain code:
 * it runs in the page. `window.__paint.arm(tag, id)` starts one sample: the next `tag` element
 * inserted into documentElement is timed until its shadow root holds
 * `[data-testid="record"]` and the following frame; `window.__paint.result` resolves with it.
 */
const INSTRUMENT = `(function () {
  var s = (window.__paint = {
    tag: '', id: '', whole: '', insertedAt: 0, loadingAt: 0, committedAt: 0, paintedAt: 0,
    completeAt: 0, completePaintedAt: 0, seen: '', state: '',
    host: null, shadowMo: null, timer: 0, resolve: null, result: null
  });
  s.finish = function (state) {
    if (!s.resolve) return;
    var res = s.resolve;
    s.resolve = null;
    clearTimeout(s.timer);
    if (s.shadowMo) s.shadowMo.disconnect();
    s.shadowMo = null;
    s.host = null;
    res({ state: state, seen: s.seen, insertedAt: s.insertedAt, loadingAt: s.loadingAt, committedAt: s.committedAt, paintedAt: s.paintedAt, completeAt: s.completeAt, completePaintedAt: s.completePaintedAt });
  };
  s.check = function () {
    if (!s.host || s.completeAt) return;
    var root = s.host.shadowRoot;
    if (!root) return;
    var error = root.querySelector('[data-testid="error"]');
    if (error) {
      s.seen = 'error: ' + error.textContent;
      s.finish('error');
      return;
    }
    var rec = root.querySelector('[data-testid="record"]');
    if (!rec) {
      if (!s.loadingAt && root.querySelector('[data-testid="loading"]')) s.loadingAt = performance.now();
      return;
    }
    if (!s.committedAt) {
      s.committedAt = performance.now();
      s.seen = rec.getAttribute('data-record-id') || '';
      if (s.seen !== s.id) {
        s.finish('other');
        return;
      }
      s.afterPaint(function (t) { s.paintedAt = t; });
    }
    // Complete: the sections below the first screen are in too (the sidebar only).
    if (!s.completeAt && (!s.whole || root.querySelector(s.whole))) {
      s.completeAt = performance.now();
      if (s.shadowMo) s.shadowMo.disconnect();
      s.shadowMo = null;
      s.afterPaint(function (t) { s.completePaintedAt = t; });
    }
  };
  /** The first frame after now: rAF runs just before it, a timer task right after it. */
  s.afterPaint = function (done) {
    var sample = s.sample;
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (sample !== s.sample || !s.resolve) return; // a later sample started
        done(performance.now());
        if (s.paintedAt && s.completePaintedAt) s.finish('ok');
      }, 0);
    });
  };
  s.arm = function (tag, id, timeoutMs, whole) {
    s.tag = tag; s.id = id; s.whole = whole || ''; s.insertedAt = 0; s.loadingAt = 0; s.committedAt = 0; s.paintedAt = 0;
    s.completeAt = 0; s.completePaintedAt = 0; s.seen = ''; s.sample = (s.sample || 0) + 1;
    s.result = new Promise(function (resolve) { s.resolve = resolve; });
    s.timer = setTimeout(function () { s.finish('timeout'); }, timeoutMs || ${TIMEOUT_MS});
  };
  var onInsert = function (records) {
    var now = performance.now();
    if (!s.resolve || s.insertedAt) return;
    for (var i = 0; i < records.length; i++) {
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        if (added[j].nodeName !== s.tag) continue;
        s.insertedAt = now;
        s.host = added[j];
        if (!s.host.shadowRoot) { s.seen = 'no open shadow root'; s.finish('error'); return; }
        s.shadowMo = new MutationObserver(s.check);
        s.shadowMo.observe(s.host.shadowRoot, { childList: true, subtree: true });
        s.check();
        return;
      }
    }
  };
  var observe = function () {
    new MutationObserver(onInsert).observe(document.documentElement, { childList: true });
  };
  if (document.documentElement) observe();
  else {
    var waiting = new MutationObserver(function () {
      if (!document.documentElement) return;
      waiting.disconnect();
      observe();
    });
    waiting.observe(document, { childList: true });
  }
})()`;

interface Sample {
  state: 'ok' | 'error' | 'other' | 'timeout';
  seen: string;
  insertedAt: number;
  /** The sidebar's loading state was in the shadow root (0: never seen). */
  loadingAt: number;
  committedAt: number;
  paintedAt: number;
  /** Every section is in the shadow root (the persona, touches and content included). */
  completeAt: number;
  completePaintedAt: number;
}

/**
 * Navigates in-app to `r` and resolves once the sidebar's record has painted (or failed); with
 * `lateMs`, the page renders the record's body (its fields) that long after the URL changed.
 */
function navigate(page: Page, r: PageRecord, timeoutMs = TIMEOUT_MS, lateMs = 0): Promise<Sample> {
  return page.evaluate(`(function () {
    window.__paint.arm(${JSON.stringify(SIDEBAR_TAG)}, ${JSON.stringify(r.id)}, ${timeoutMs}, ${JSON.stringify(WHOLE)});
    window.crmNavigate(${JSON.stringify(recordPath(r))}, ${lateMs});
    return window.__paint.result;
  })()`) as Promise<Sample>;
}

/** Main-world code that builds the baseline's empty shadow-root element into `host`. */
const EMPTY_HOST = `
    var host = document.createElement(${JSON.stringify(EMPTY_TAG.toLowerCase())});
    var shadow = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = ':host { position: fixed; top: 0; right: 0; z-index: 2147483647; } div { width: 360px; padding: 8px; background: #fff; font: 13px sans-serif; }';
    var div = document.createElement('div');
    div.setAttribute('data-testid', 'record');
    div.setAttribute('data-record-id', 'baseline');
    div.textContent = 'Tandem';
    shadow.append(style, div);`;

/** The baseline: mounts an empty shadow-root element from the main world, timed the same way. */
function emptyMount(page: Page): Promise<Sample> {
  return page.evaluate(`(function () {
    window.__paint.arm(${JSON.stringify(EMPTY_TAG)}, 'baseline');
    ${EMPTY_HOST}
    document.documentElement.append(host);
    return window.__paint.result.then(function (s) { host.remove(); return s; });
  })()`) as Promise<Sample>;
}

/**
 * The navigation baseline (in a browser without the extension): navigates in-app to `r` and,
 * in the same task, right after the page has rendered the record (where the detector mounts
 * the sidebar), mounts the empty shadow-root element; timed the same way.
 */
function emptyMountOnNavigation(page: Page, r: PageRecord): Promise<Sample> {
  return page.evaluate(`(function () {
    window.__paint.arm(${JSON.stringify(EMPTY_TAG)}, 'baseline');
    window.crmNavigate(${JSON.stringify(recordPath(r))}, 0);
    ${EMPTY_HOST}
    document.documentElement.append(host);
    return window.__paint.result.then(function (s) { host.remove(); return s; });
  })()`) as Promise<Sample>;
}

/** The bench page's Home in a new tab, instrumented, settled. */
async function openHome(context: BrowserContext): Promise<Page> {
  await serveLargePage(context, largeCrmPage());
  const page = await context.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(`${PAGE_ORIGIN}${HOME_PATH}`, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  return page;
}

/** The navigation baseline over `n` navigations, in its own browser without the extension. */
async function navigationBaseline(n: number): Promise<number[]> {
  const { context } = await launchWithoutExtension();
  try {
    const page = await openHome(context);
    const out: number[] = [];
    for (let i = 0; i <= n; i++) {
      const r = PAGE_RECORDS[i % PAGE_RECORDS.length]!;
      const b = check(
        await emptyMountOnNavigation(page, r),
        `empty mount on navigation to ${r.name}`,
      );
      if (i > 0) out.push(b.paintedAt - b.insertedAt); // the first leaves Home, as the main rows' first
      await page.waitForTimeout(40);
    }
    return out;
  } finally {
    await context.close();
  }
}

function check(s: Sample, what: string): Sample {
  if (s.state !== 'ok')
    throw new Error(`${NAME}: ${what}: ${s.state} (${s.seen || 'nothing'}) ${JSON.stringify(s)}`);
  return s;
}

export async function sidebarPaintBench(): Promise<void> {
  checkPageRecords(NAME);
  const { context } = await launchWithExtension({
    extensionDir: resolve('.output/bench/chrome-mv3'),
  });
  try {
    const page = await openHome(context);

    const at = (i: number) => PAGE_RECORDS[i % PAGE_RECORDS.length]!;
    // The first record: includes injecting sidebar.js (a round trip to the background).
    // The first waits for the first-install seeding of the demo workspace: more time allowed.
    const first = check(
      await navigate(page, at(0), FIRST_TIMEOUT_MS),
      `first navigation to ${at(0).name}`,
    );
    await page.waitForTimeout(100);

    const paint: number[] = [];
    const commit: number[] = [];
    const loading: number[] = [];
    const complete: number[] = [];
    const bare: number[] = [];
    for (let i = 1; i <= NAVIGATIONS; i++) {
      const r = at(i);
      const s = check(await navigate(page, r), `${r.name} (${r.id})`);
      paint.push(s.paintedAt - s.insertedAt);
      commit.push(s.committedAt - s.insertedAt);
      complete.push(s.completePaintedAt - s.insertedAt);
      if (s.loadingAt) loading.push(s.loadingAt - s.insertedAt);
      await page.waitForTimeout(20);
      const b = check(await emptyMount(page), 'empty shadow-root mount');
      bare.push(b.paintedAt - b.insertedAt);
      await page.waitForTimeout(20);
    }

    const late: number[] = [];
    for (let i = 1; i <= LATE_NAVIGATIONS; i++) {
      const r = at(NAVIGATIONS + i);
      const s = check(await navigate(page, r, TIMEOUT_MS, LATE_MS), `${r.name} (late body)`);
      late.push(s.paintedAt - s.insertedAt);
      await page.waitForTimeout(40);
    }

    console.log(
      `  ${NAVIGATIONS} navigations between ${PAGE_RECORDS.length} records + ${bare.length} empty mounts; ` +
        `paint = first rAF after the record is in the shadow root, then setTimeout(0)`,
    );
    const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
    const frame = paint.map((p, i) => p - commit[i]!);
    console.log(
      `  breakdown p50/p95 ms: inserted -> loading state ${ms(loading, 50)}/${ms(loading, 95)} ` +
        `(${loading.length} seen), -> record committed ${ms(commit, 50)}/${ms(commit, 95)}, ` +
        `committed -> painted ${ms(frame, 50)}/${ms(frame, 95)}`,
    );
    // The browser with the extension is closed first: the two never share the machine.
    await context.close();
    const onNav = await navigationBaseline(NAVIGATIONS);
    report(NAME, [
      row(NAME, 'p50_ms', percentile(paint, 50), 'ms', percentile(bare, 50), null),
      row(NAME, 'p95_ms', percentile(paint, 95), 'ms', percentile(bare, 95), '<= 50'),
      row(NAME, 'complete_p50_ms', percentile(complete, 50), 'ms', percentile(bare, 50), null),
      row(NAME, 'complete_p95_ms', percentile(complete, 95), 'ms', percentile(bare, 95), null),
      row(NAME, 'late_p50_ms', percentile(late, 50), 'ms', percentile(bare, 50), null),
      row(NAME, 'late_p95_ms', percentile(late, 95), 'ms', percentile(bare, 95), null),
      row(NAME, 'commit_p50_ms', percentile(commit, 50), 'ms', null, null),
      row(NAME, 'commit_p95_ms', percentile(commit, 95), 'ms', null, null),
      row(NAME, 'first_ms', first.paintedAt - first.insertedAt, 'ms', null, null),
      // The empty element mounted where the sidebar is, in the navigation's own task: the
      // page's frame after rendering a record comes before any paint of anything mounted then.
      row(NAME, 'nav_baseline_p50_ms', percentile(onNav, 50), 'ms', null, null),
      row(NAME, 'nav_baseline_p95_ms', percentile(onNav, 95), 'ms', null, null),
      row(
        NAME,
        'p95_over_nav_baseline',
        percentile(paint, 95) / percentile(onNav, 95),
        'x',
        null,
        null,
      ),
    ]);
  } finally {
    await context.close();
  }
}
