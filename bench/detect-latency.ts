/**
 * detect-latency: how long after an in-app navigation to a lead/contact record the content
 * script has detected the record, on the large, continuously mutating Lightning-like page
 * (bench/pages/large-crm-page.ts), in real Chromium with the built extension.
 *
 * Detection is internal to the content script; what the page can observe is its result: the
 * sidebar host `<tandem-sidebar>` appended to `document.documentElement`, synchronously in the
 * same microtask chain as the detection resolving (the sidebar script is already injected after
 * the first record). A MutationObserver in the page's main world timestamps that insertion.
 *
 * The target is the time to a detected record "once the record's fields are in the
 * DOM": how long the CRM itself takes to render is not Tandem's, so the main rows start when the
 * fields are there.
 *
 * - Main rows (`p50_ms`, `p95_ms`): the page calls `history.pushState` to a record URL and renders
 *   the record (name, fields, related list) in the same task, as Lightning's router does when the
 *   record is cached; latency = sidebar inserted - the end of that task's synchronous render
 *   (the fields are in the DOM from then on). Over `NAVIGATIONS` navigations cycling through the
 *   demo workspace's Salesforce records, after a first one (from Home, which injects sidebar.js)
 *   reported as `first_ms`. Baseline, the same navigations: the page's own MutationObserver on
 *   the record area (created first, so notified first) seeing the fields, from the same moment.
 * - `late_p50_ms`, `late_p95_ms`: the record body arrives `LATE_DELAY_MS` after the URL change
 *   (Lightning often renders late), so the content script waits with its MutationObserver while
 *   the page keeps mutating; latency = sidebar inserted - fields inserted. Baseline: the page's
 *   own MutationObserver seeing those fields. Also held to the 30 ms target.
 * - `nav_p50_ms`, `nav_p95_ms`: from just before `pushState`, i.e. including the page's own
 *   render of the record. Baseline: the page re-renders the same record in place (no URL change,
 *   the content script does nothing) and its own MutationObserver sees the fields; time from
 *   just before the re-render to that callback.
 *
 * After each navigation the bench waits until the sidebar shows that record's data (checking
 * the record id: a wrong or missing detection fails the bench), so one record's rendering does
 * not overlap the next navigation.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../scripts/chromium';
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

const NAVIGATIONS = Number(process.env.BENCH_NAVIGATIONS ?? 120);
const LATE_NAVIGATIONS = Number(process.env.BENCH_LATE_NAVIGATIONS ?? 40);
const LATE_DELAY_MS = 50;
const NAME = 'detect-latency';

/** Main-world instrumentation, installed once the page has loaded. Plain code: runs in the page. */
const INSTRUMENT = `(function () {
  var s = (window.__lat = { t0: 0, fieldsAt: 0, sidebarAt: 0, done: null });
  new MutationObserver(function (records) {
    var now = performance.now();
    for (var i = 0; i < records.length; i++) {
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        if (added[j].nodeName === 'TANDEM-SIDEBAR' && !s.sidebarAt) {
          s.sidebarAt = now;
          if (s.done) s.done();
        }
      }
    }
  }).observe(document.documentElement, { childList: true });
  new MutationObserver(function (records) {
    if (s.fieldsAt) return;
    var now = performance.now();
    for (var i = 0; i < records.length; i++) {
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var n = added[j];
        if (n.nodeType === 1 && (n.matches('records-record-layout-item') || n.querySelector('records-record-layout-item'))) {
          s.fieldsAt = now;
          return;
        }
      }
    }
  }).observe(document.getElementById('center'), { childList: true, subtree: true });
})()`;

interface Sample {
  t0: number;
  /** The page's synchronous navigation work ended. */
  renderedAt: number;
  /** The record body was inserted (crmBodyAt). */
  bodyAt: number;
  /** The page's own MutationObserver saw the fields. */
  fieldsAt: number;
  /** `<tandem-sidebar>` was inserted (0: not within the timeout). */
  sidebarAt: number;
}

/** Navigates in-app and resolves when the sidebar is inserted (or after `timeoutMs`). */
function navigate(page: Page, href: string, delayMs: number, timeoutMs = 3000): Promise<Sample> {
  return page.evaluate(`(function () {
    var s = window.__lat;
    s.fieldsAt = 0;
    s.sidebarAt = 0;
    var t0 = performance.now();
    window.crmNavigate(${JSON.stringify(href)}, ${delayMs});
    var renderedAt = performance.now();
    return new Promise(function (resolve) {
      var timer = 0;
      s.done = function () {
        s.done = null;
        clearTimeout(timer);
        // Let the page's other observer callbacks of this microtask run first.
        setTimeout(function () {
          resolve({ t0: t0, renderedAt: renderedAt, bodyAt: window.crmBodyAt, fieldsAt: s.fieldsAt, sidebarAt: s.sidebarAt });
        }, 0);
      };
      if (s.sidebarAt) s.done();
      else timer = setTimeout(function () {
        s.done = null;
        resolve({ t0: t0, renderedAt: renderedAt, bodyAt: window.crmBodyAt, fieldsAt: s.fieldsAt, sidebarAt: 0 });
      }, ${timeoutMs});
    });
  })()`) as Promise<Sample>;
}

/** Bare observation: re-render the current record in place; ms until the page's observer saw it. */
function bareObservation(page: Page): Promise<number> {
  return page.evaluate(`(function () {
    var s = window.__lat;
    s.fieldsAt = 0;
    var t0 = performance.now();
    window.crmRefresh();
    return new Promise(function (resolve) {
      setTimeout(function () { resolve(s.fieldsAt ? s.fieldsAt - t0 : -1); }, 0);
    });
  })()`) as Promise<number>;
}

/** Waits until the sidebar shows `r`'s data (not loading); throws on an error or another record. */
async function settled(page: Page, r: PageRecord, timeoutMs = 10_000): Promise<void> {
  const handle = await page.waitForFunction(
    `(function () {
      var host = document.querySelector('tandem-sidebar');
      var root = host && host.shadowRoot;
      if (!root) return false;
      var error = root.querySelector('[data-testid="error"]');
      if (error) return 'error: ' + error.textContent;
      var rec = root.querySelector('[data-testid="record"]');
      if (!rec) return false;
      return rec.getAttribute('data-record-id') === ${JSON.stringify(r.id)} ? 'ok' : 'other: ' + rec.getAttribute('data-record-id');
    })()`,
    undefined,
    { timeout: timeoutMs, polling: 10 },
  );
  const state = (await handle.jsonValue()) as string;
  if (state !== 'ok') throw new Error(`${NAME}: sidebar for ${r.name} (${r.id}) shows ${state}`);
}

export async function detectLatencyBench(): Promise<void> {
  checkPageRecords(NAME);
  const { context } = await launchWithExtension({
    extensionDir: resolve('.output/bench/chrome-mv3'),
  });
  try {
    await serveLargePage(context, largeCrmPage());
    const page = await context.newPage();
    await page.goto(`${PAGE_ORIGIN}${HOME_PATH}`, { waitUntil: 'load' });
    const nodes = (await page.evaluate(`(function () {
      var w = document.createTreeWalker(document, 0xffffffff), n = 0;
      while (w.nextNode()) n++;
      return n;
    })()`)) as number;
    await page.evaluate(INSTRUMENT);
    await page.waitForTimeout(500);

    const go = async (i: number, delayMs: number, timeoutMs = 3000) => {
      const r = PAGE_RECORDS[i % PAGE_RECORDS.length]!;
      const s = await navigate(page, recordPath(r), delayMs, timeoutMs);
      if (!s.sidebarAt) throw new Error(`${NAME}: no sidebar within ${timeoutMs} ms for ${r.name}`);
      await settled(page, r, Math.max(timeoutMs, 10_000));
      return s;
    };

    // The first record: includes injecting the detector and sidebar.js (round trips to the
    // background, which may still be seeding the demo workspace): more time allowed.
    const first = await go(0, 0, 30_000);
    await page.waitForTimeout(100);

    const latency: number[] = [];
    const detectOnly: number[] = [];
    const pageSaw: number[] = [];
    const bare: number[] = [];
    for (let i = 1; i <= NAVIGATIONS; i++) {
      const s = await go(i, 0);
      latency.push(s.sidebarAt - s.t0);
      detectOnly.push(s.sidebarAt - s.renderedAt);
      if (!s.fieldsAt) throw new Error(`${NAME}: the page's observer missed the fields`);
      pageSaw.push(Math.max(0, s.fieldsAt - s.renderedAt));
      const b = await bareObservation(page);
      if (b < 0) throw new Error(`${NAME}: the page's observer missed the re-render`);
      bare.push(b);
      await page.waitForTimeout(20);
    }

    const late: number[] = [];
    const lateBare: number[] = [];
    for (let i = 1; i <= LATE_NAVIGATIONS; i++) {
      const s = await go(NAVIGATIONS + i, LATE_DELAY_MS);
      if (!s.fieldsAt || s.fieldsAt < s.bodyAt) throw new Error(`${NAME}: fields not observed`);
      late.push(s.sidebarAt - s.bodyAt);
      lateBare.push(s.fieldsAt - s.bodyAt);
      await page.waitForTimeout(20);
    }

    console.log(
      `  ${nodes.toLocaleString()} DOM nodes; ${NAVIGATIONS} navigations + ${LATE_NAVIGATIONS} with the body ${LATE_DELAY_MS} ms late`,
    );
    report(NAME, [
      row(NAME, 'p50_ms', percentile(detectOnly, 50), 'ms', percentile(pageSaw, 50), null),
      row(NAME, 'p95_ms', percentile(detectOnly, 95), 'ms', percentile(pageSaw, 95), '<= 30'),
      row(NAME, 'late_p50_ms', percentile(late, 50), 'ms', percentile(lateBare, 50), null),
      row(NAME, 'late_p95_ms', percentile(late, 95), 'ms', percentile(lateBare, 95), '<= 30'),
      row(NAME, 'nav_p50_ms', percentile(latency, 50), 'ms', percentile(bare, 50), null),
      row(NAME, 'nav_p95_ms', percentile(latency, 95), 'ms', percentile(bare, 95), null),
      row(NAME, 'first_ms', first.sidebarAt - first.t0, 'ms', null, null),
    ]);
  } finally {
    await context.close();
  }
}
