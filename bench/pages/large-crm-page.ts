/**
 * A large, busy Salesforce Lightning-like page for the host benchmarks (`host-overhead`,
 * `detect-latency`). Deterministic: the same options give the same HTML, and the page script
 * draws its "random" choices from a seeded generator.
 *
 * - The one.app shell: global header (with a clock that ticks), navigation tabs, a utility bar
 *   with a live notification feed, and `div.oneCenterStage`.
 * - A Home view (`/lightning/page/home`) rendered server-side: live metric tiles and a big
 *   "Recent Opportunities" datatable (600 rows by default, cells in `div.slds-truncate`): the
 *   whole document is about 18,600 DOM nodes (well over 10,000).
 * - Record views (`/lightning/r/{Lead|Contact}/{id}/view`) rendered by the page script for the
 *   demo workspace's Salesforce ids (lib/demo/showcase.ts), with the markup CRM-REFERENCE.md
 *   documents: `div.windowViewMode-normal.active`, `records-highlights2` with
 *   `lightning-formatted-name`, `records-record-layout-item` fields carrying
 *   `data-target-selection-name`, and a related-list table. Earlier views stay in the DOM,
 *   hidden, as Lightning caches them (at most `CACHED_VIEWS`).
 * - Continuous mutations, like a busy single-page app: every 16 ms the page changes attributes
 *   of a dozen datatable rows and re-renders a row now and then, updates live tiles, ticks the
 *   header clock and pushes a notification into the feed (removing the oldest): about 40
 *   mutation records a tick. `?still` in the URL turns this off.
 * - In-app navigation the way Lightning's router does it: `window.crmNavigate(href, delayMs)`
 *   calls `history.pushState` and renders the new route in the same task; with `delayMs > 0` the
 *   record's body (name, fields) arrives that much later, as Lightning's often does.
 *   `window.crmRefresh()` re-renders the current record's view in place without a URL change
 *   (as Lightning does after a save). Links with `data-nav` navigate the same way on click.
 */
import type { BrowserContext } from 'playwright-core';
import { ADAPTER_URLS } from '../../lib/crm/adapters/urls';
import { matchUrl } from '../../lib/crm/match';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';

export interface LargeCrmPageOptions {
  /** Rows of the Home view's datatable. */
  homeRows?: number;
  /** Rows of a record view's related list. */
  relatedRows?: number;
  /** Notifications kept in the utility bar's feed. */
  feedItems?: number;
}

/** A record the page can show: the demo workspace's Salesforce leads and contacts. */
export interface PageRecord {
  id: string;
  object: 'Lead' | 'Contact';
  name: string;
  email: string;
  company: string;
  title: string;
  phone: string;
}

export const PAGE_RECORDS: readonly PageRecord[] = SHOWCASE_LEADS.flatMap((l) =>
  l.crmRefs
    .filter((r) => r.crm === 'salesforce' && r.tenant === 'acme')
    .map((r): PageRecord => ({
      id: r.recordId,
      object: r.objectType === 'contact' ? 'Contact' : 'Lead',
      name: `${l.firstName} ${l.lastName}`,
      email: l.email,
      company: l.company,
      title: l.title,
      phone: l.phone,
    })),
);

export const PAGE_ORIGIN = 'https://acme.lightning.force.com';
export const HOME_PATH = '/lightning/page/home';
export const recordPath = (r: PageRecord) => `/lightning/r/${r.object}/${r.id}/view`;

const FIRST = ['Avery', 'Blake', 'Casey', 'Devon', 'Emerson', 'Finley', 'Gray', 'Harper'];
const LAST = ['Nakamura', 'Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Novak', 'Reyes', 'Adler'];
const COMPANY = ['Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Acme'];
const STAGE = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal', 'Negotiation'];
const OWNER = ['J. Park', 'M. Silva', 'A. Kowalski', 'R. Haddad', 'T. Mensah'];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function homeTable(rows: number): string {
  const rnd = lcg(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const id = `0065g0000${String(100000 + i).padStart(6, '0')}AAA`;
    const name = `${pick(COMPANY)} - ${pick(FIRST)} ${pick(LAST)} renewal ${i + 1}`;
    const amount = (Math.floor(rnd() * 90_000) + 5_000).toLocaleString('en-US');
    const cells = [
      `<th scope="row" data-label="Name"><div class="slds-truncate"><a href="/lightning/r/Opportunity/${id}/view" data-nav="/lightning/r/Opportunity/${id}/view">${esc(name)}</a></div></th>`,
      `<td data-label="Account"><div class="slds-truncate"><span>${esc(pick(COMPANY))} Inc.</span></div></td>`,
      `<td data-label="Stage"><div class="slds-truncate"><span class="stage">${esc(pick(STAGE))}</span></div></td>`,
      `<td data-label="Amount"><div class="slds-truncate"><lightning-formatted-number>$${amount}</lightning-formatted-number></div></td>`,
      `<td data-label="Close Date"><div class="slds-truncate"><lightning-formatted-date-time>2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}</lightning-formatted-date-time></div></td>`,
      `<td data-label="Owner"><div class="slds-truncate"><span>${esc(pick(OWNER))}</span></div></td>`,
      `<td data-label="Actions"><div class="slds-truncate"><button class="slds-button" type="button" aria-label="Show actions">&#9662;</button></div></td>`,
    ];
    out.push(`<tr data-row-key-value="${id}" aria-selected="false">${cells.join('')}</tr>`);
  }
  return out.join('\n');
}

function feed(items: number): string {
  const out: string[] = [];
  for (let i = 0; i < items; i++) {
    out.push(
      `<li class="slds-notification" data-n="${i}"><span class="who">${FIRST[i % FIRST.length]}</span> <span class="what">updated a record</span> <time>${i}m</time></li>`,
    );
  }
  return out.join('');
}

function kpis(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `<div class="kpi" data-kpi="${i}"><span class="label">Metric ${i + 1}</span><span class="value">${i * 17}</span></div>`,
    );
  }
  return out.join('');
}

/** The page script, as shipped to the page (plain JavaScript, no build step). */
function pageScript(o: Required<LargeCrmPageOptions>): string {
  const records = Object.fromEntries(PAGE_RECORDS.map((r) => [r.id, r]));
  return `
(function () {
  'use strict';
  var RECORDS = ${JSON.stringify(records)};
  var RELATED_ROWS = ${o.relatedRows};
  var FEED_ITEMS = ${o.feedItems};
  var CACHED_VIEWS = 4;
  var FIRST = ${JSON.stringify(FIRST)};
  var LAST = ${JSON.stringify(LAST)};
  var STAGE = ${JSON.stringify(STAGE)};
  var center = document.getElementById('center');
  var homeView = center.querySelector('[data-home-view]');
  var seed = 7;
  function rnd(n) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed % n;
  }
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) if (arguments[i] !== '') e.append(arguments[i]);
    return e;
  }
  function field(object, api, label, value, valueNode) {
    return el('records-record-layout-item', { 'field-label': label },
      el('div', { class: 'slds-form-element', 'data-target-selection-name': 'sfdc:RecordField.' + object + '.' + api },
        el('span', { class: 'test-id__field-label' }, label),
        el('div', { class: 'test-id__field-value' },
          el('span', { slot: 'outputField' }, valueNode || value))));
  }
  function relatedList(id) {
    var s = 0;
    for (var i = 0; i < id.length; i++) s = (s * 31 + id.charCodeAt(i)) >>> 0;
    var tbody = el('tbody', {});
    for (var r = 0; r < RELATED_ROWS; r++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      tbody.append(el('tr', { 'data-row-key-value': 'a0' + r },
        el('th', { scope: 'row' }, el('div', { class: 'slds-truncate' }, el('a', { href: '#' }, 'Activity ' + (r + 1)))),
        el('td', {}, el('div', { class: 'slds-truncate' }, ['Call', 'Email', 'Meeting', 'Task'][s % 4])),
        el('td', {}, el('div', { class: 'slds-truncate' }, FIRST[s % FIRST.length] + ' ' + LAST[(s >>> 3) % LAST.length])),
        el('td', {}, el('div', { class: 'slds-truncate' }, STAGE[(s >>> 5) % STAGE.length])),
        el('td', {}, el('div', { class: 'slds-truncate' }, el('lightning-formatted-date-time', {}, '2025-0' + ((s % 9) + 1) + '-1' + (s % 9))))));
    }
    return el('article', { class: 'slds-card forceRelatedListCardDesktop' },
      el('h2', { class: 'slds-card__header-title' }, 'Activity History (' + RELATED_ROWS + ')'),
      el('table', { class: 'slds-table slds-table_bordered' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Subject'), el('th', {}, 'Type'), el('th', {}, 'Assigned To'), el('th', {}, 'Stage'), el('th', {}, 'Date'))),
        tbody));
  }
  function recordBody(view, r) {
    document.title = r.name + ' | ' + r.object + ' | Salesforce';
    var email = el('emailui-formatted-email-' + r.object.toLowerCase(), {},
      el('lightning-formatted-email', {}, el('a', { href: 'mailto:' + r.email }, r.email)));
    var phone = el('lightning-formatted-phone', {}, el('a', { href: 'tel:' + r.phone }, r.phone));
    var company = r.object === 'Contact'
      ? field('Contact', 'AccountId', 'Account Name', '', el('a', { href: '/lightning/r/Account/0015g00000HeLiXAAZ/view' }, r.company))
      : field('Lead', 'Company', 'Company', r.company);
    var extra = [['LeadSource', 'Lead Source', 'Web'], ['Industry', 'Industry', 'Software'],
      ['AnnualRevenue', 'Annual Revenue', '$12,000,000'], ['NumberOfEmployees', 'Employees', '850'],
      ['Rating', 'Rating', 'Warm'], ['Website', 'Website', 'https://example.com'],
      ['Street', 'Street', '1 Market St'], ['City', 'City', 'San Francisco'],
      ['State', 'State/Province', 'CA'], ['Country', 'Country', 'United States'],
      ['Description', 'Description', 'Met at the spring conference; asked about pricing.'],
      ['OwnerId', 'Owner', 'J. Park'], ['CreatedById', 'Created By', 'M. Silva, 2025-01-14'],
      ['LastModifiedById', 'Last Modified By', 'A. Kowalski, 2025-03-02']];
    var body = el('div', { class: 'record-body slds-grid' },
      el('h2', {}, 'Details'),
      field(r.object, 'Name', 'Name', r.name),
      field(r.object, 'Title', 'Title', r.title),
      company,
      field(r.object, 'Email', 'Email', '', email),
      field(r.object, 'Phone', 'Phone', '', phone),
      r.object === 'Lead' ? field('Lead', 'Status', 'Lead Status', 'Working - Contacted') : '');
    for (var i = 0; i < extra.length; i++) body.append(field(r.object, extra[i][0], extra[i][1], extra[i][2]));
    view.append(
      el('records-highlights2', {},
        el('records-entity-label', {}, r.object),
        el('h1', { slot: 'primaryField' }, el('lightning-formatted-name', {}, r.name))),
      body,
      relatedList(r.id));
  }
  var pendingBody = 0;
  function render(delayMs) {
    clearTimeout(pendingBody);
    var m = /^\\/lightning\\/r\\/(Lead|Contact)\\/([A-Za-z0-9]{18})\\/view/.exec(location.pathname);
    var active = center.querySelectorAll('.windowViewMode-normal.active');
    for (var i = 0; i < active.length; i++) active[i].classList.remove('active');
    if (!m || !RECORDS[m[2]]) {
      document.title = 'Home | Salesforce';
      homeView.classList.add('active');
      return;
    }
    var id = m[2];
    var r = RECORDS[id];
    // Each visit renders the record afresh (as after a cache eviction); the other visited
    // records stay cached, hidden, up to CACHED_VIEWS.
    var old = center.querySelector('[data-record-view="' + id + '"]');
    if (old) old.remove();
    var cached = center.querySelectorAll('[data-record-view]');
    for (var c = 0; c <= cached.length - CACHED_VIEWS; c++) cached[c].remove();
    var view = el('div', { class: 'windowViewMode-normal oneContent active', 'data-record-view': id });
    center.append(view);
    if (delayMs > 0) {
      pendingBody = setTimeout(function () {
        window.crmBodyAt = performance.now();
        recordBody(view, r);
      }, delayMs);
    } else {
      window.crmBodyAt = performance.now();
      recordBody(view, r);
    }
  }
  window.crmNavigate = function (href, delayMs) {
    history.pushState({}, '', href);
    render(delayMs || 0);
  };
  window.crmRefresh = function () {
    var view = center.querySelector('.windowViewMode-normal.active[data-record-view]');
    if (!view) return;
    var r = RECORDS[view.getAttribute('data-record-view')];
    view.replaceChildren();
    window.crmBodyAt = performance.now();
    recordBody(view, r);
  };
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('[data-nav]');
    if (!a) return;
    e.preventDefault();
    window.crmNavigate(a.getAttribute('data-nav'), 0);
  });
  window.addEventListener('popstate', function () { render(0); });
  render(0);

  // A busy single-page app: something changes every frame.
  var rows = homeView.querySelector('tbody').rows;
  var clock = document.querySelector('[data-clock]');
  var feedList = document.querySelector('[data-feed]');
  var badge = document.querySelector('[data-unread]');
  var tick = 0;
  window.crmTicks = 0;
  var kpis = document.querySelectorAll('[data-kpi] .value');
  function mutate() {
    tick++;
    window.crmTicks = tick;
    clock.textContent = '09:' + String(Math.floor(tick / 60) % 60).padStart(2, '0') + ':' + String(tick % 60).padStart(2, '0');
    // Live tiles: text changes inside fixed-size, contained boxes.
    for (var t = 0; t < 8; t++) kpis[rnd(kpis.length)].textContent = String(tick * 7 + t);
    // The datatable: attributes change on every tick (selection, row state, freshness), a row's
    // highlight toggles, and now and then a row is re-rendered.
    for (var k = 0; k < 12; k++) {
      var row = rows[rnd(rows.length)];
      row.setAttribute('aria-selected', String((tick + k) % 2 === 0));
      row.setAttribute('data-refreshed', String(tick));
    }
    rows[rnd(rows.length)].classList.toggle('slds-is-hovered');
    if (tick % 30 === 0) {
      var victim = rows[rnd(rows.length)];
      var clone = victim.cloneNode(true);
      clone.setAttribute('data-version', String(tick));
      clone.cells[2].firstChild.firstChild.textContent = STAGE[rnd(STAGE.length)];
      victim.replaceWith(clone);
    }
    // The notification feed: one in, the oldest out.
    var li = el('li', { class: 'slds-notification', 'data-n': String(tick) },
      el('span', { class: 'who' }, FIRST[rnd(FIRST.length)]), ' ',
      el('span', { class: 'what' }, 'updated a record'), ' ',
      el('time', {}, 'now'));
    feedList.prepend(li);
    while (feedList.children.length > FEED_ITEMS) feedList.lastElementChild.remove();
    badge.textContent = String(tick % 100);
  }
  if (!/[?&]still\\b/.test(location.search)) setInterval(mutate, 16);
})();
`;
}

/** The page's HTML; serve it for every path on the CRM origin (the page script routes). */
export function largeCrmPage(opts: LargeCrmPageOptions = {}): string {
  const o: Required<LargeCrmPageOptions> = {
    homeRows: opts.homeRows ?? 600,
    relatedRows: opts.relatedRows ?? 120,
    feedItems: opts.feedItems ?? 40,
  };
  const tabs = ['Home', 'Leads', 'Contacts', 'Accounts', 'Opportunities', 'Cases', 'Reports']
    .concat(['Dashboards', 'Campaigns', 'Tasks', 'Calendar', 'Files', 'Forecasts', 'Quotes'])
    .map(
      (t) =>
        `<li class="slds-context-bar__item"><a href="#" data-nav="/lightning/o/${t}/home" title="${t}"><span class="slds-truncate">${t}</span></a></li>`,
    )
    .join('');
  const recent = PAGE_RECORDS.map(
    (r) =>
      `<li><a href="#" data-nav="${recordPath(r)}" data-record-link="${r.id}">${esc(r.name)}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Home | Salesforce</title>
    <style>
      html { font-size: 10px; }
      body { margin: 0; font-family: Arial, sans-serif; font-size: 1.3rem; }
      .slds-global-header { height: 50px; background: #0176d3; color: #fff; display: flex; align-items: center; gap: 16px; padding: 0 16px; }
      .slds-context-bar { display: flex; gap: 12px; list-style: none; margin: 0; padding: 6px 16px; border-bottom: 1px solid #ddd; }
      .layout { display: grid; grid-template-columns: 1fr 280px; }
      .windowViewMode-normal { display: none; padding: 16px; }
      .windowViewMode-normal.active { display: block; }
      .slds-table { border-collapse: collapse; width: 100%; table-layout: fixed; }
      .slds-table td, .slds-table th { border-bottom: 1px solid #eee; padding: 2px 6px; text-align: left; }
      .slds-is-hovered { background: #f3f3f3; }
      .slds-truncate { max-width: 220px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .test-id__field-label { color: #706e6b; display: block; }
      records-record-layout-item { display: block; margin: 8px 0; }
      .kpis { display: flex; flex-wrap: wrap; gap: 4px; }
      .kpi { contain: strict; width: 110px; height: 40px; border: 1px solid #ddd; }
      .kpi .value { font-weight: bold; display: block; }
      .oneUtilityBar { border-left: 1px solid #ddd; padding: 8px; }
      .oneUtilityBar ul { contain: strict; height: 800px; overflow: hidden; }
      .clock, .slds-badge { display: inline-block; width: 80px; contain: strict; height: 20px; }
      .oneUtilityBar ul { list-style: none; margin: 0; padding: 0; }
    </style>
  </head>
  <body class="desktop">
    <div id="auraLoadingBox" style="display: none"></div>
    <header class="slds-global-header" role="banner">
      <span class="appName">Sales</span>
      <input type="search" placeholder="Search Salesforce" aria-label="Search Salesforce" id="global-search" />
      <span class="clock" data-clock>09:00:00</span>
      <span class="slds-badge" data-unread>0</span>
    </header>
    <nav aria-label="App"><ul class="slds-context-bar">${tabs}</ul></nav>
    <div class="layout">
      <div class="oneCenterStage" id="center">
        <div class="windowViewMode-normal" data-home-view>
          <h1>Home</h1>
          <section class="slds-card kpis" aria-label="Key metrics">${kpis(24)}</section>
          <section class="slds-card"><h2>Recently viewed people</h2><ul>${recent}</ul></section>
          <section class="slds-card">
            <h2 class="slds-card__header-title">Recent Opportunities (${o.homeRows})</h2>
            <lightning-datatable>
              <table class="slds-table slds-table_bordered" role="grid">
                <thead><tr><th>Name</th><th>Account</th><th>Stage</th><th>Amount</th><th>Close Date</th><th>Owner</th><th></th></tr></thead>
                <tbody>
${homeTable(o.homeRows)}
                </tbody>
              </table>
            </lightning-datatable>
          </section>
        </div>
      </div>
      <aside class="oneUtilityBar" aria-label="Notifications"><ul data-feed>${feed(o.feedItems)}</ul></aside>
    </div>
    <script>${pageScript(o)}</script>
  </body>
</html>
`;
}

/**
 * Serves the large page at every URL of the CRM origin and blocks every other web request (the
 * loopback included, for the benchmarks' own servers): nothing leaves the machine.
 */
export async function serveLargePage(context: BrowserContext, html: string): Promise<void> {
  await context.route(`${PAGE_ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await context.route(
    (url) =>
      /^https?:/.test(url.protocol) && url.origin !== PAGE_ORIGIN && url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
}

/** Every record of the page is a record URL for the adapters, and there are two to switch. */
export function checkPageRecords(name: string): void {
  for (const r of PAGE_RECORDS) {
    if (!matchUrl(PAGE_ORIGIN + recordPath(r), ADAPTER_URLS))
      throw new Error(`${name}: ${r.id} not a record`);
  }
  if (PAGE_RECORDS.length < 2) throw new Error(`${name}: need two records to navigate between`);
}
