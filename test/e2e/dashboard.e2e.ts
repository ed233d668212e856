/**
 * The marketer dashboard in real Chromium: a rep's clicks in the sidebar on a fixture CRM record
 * (and an insight recorded through the protocol) show up as exact counts on dashboard.html; the
 * page passes an axe-core scan; and a screenshot with sample events goes to docs/dashboard.png.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { sampleEvents } from '../../lib/dashboard/sample';
import { generateDemoWorkspace } from '../../lib/demo';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { launchWithExtension, serveFixtures, type Launched } from '../../scripts/chromium';

const ORIGIN = 'https://acme.lightning.force.com';
const DANA_URL = `${ORIGIN}/lightning/r/Lead/${SHOWCASE_LEADS[0]!.crmRefs[0]!.recordId}/view`;
const REP = { name: 'Robin Rep', email: 'robin.rep@example.com' };

let browser: Launched;
let dashUrl: string;
beforeAll(async () => {
  browser = await launchWithExtension();
  await serveFixtures(browser.context);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  dashUrl = `chrome-extension://${browser.extensionId}/dashboard.html`;
});
afterAll(async () => {
  await browser?.context.close();
});

/** Sends one protocol message from an extension page; returns the value or throws. */
async function ask(page: Page, name: string, data: unknown): Promise<unknown> {
  const res = (await page.evaluate(
    ([n, d]) => chrome.runtime.sendMessage({ tandem: 1, name: n, data: d }),
    [name, data] as const,
  )) as { ok: boolean; value?: unknown; error?: unknown };
  if (!res.ok) throw new Error(`${name}: ${JSON.stringify(res.error)}`);
  return res.value;
}

const cell = (table: Locator, key: string, col: string) =>
  table.locator(`[data-key="${key}"] [data-col="${col}"]`);

async function storedEvents(page: Page): Promise<number> {
  const status = (await ask(page, 'getOutboxStatus', {})) as { local: number; queued: number };
  return status.local + status.queued;
}

describe('dashboard', () => {
  it('explains how data arrives, then shows exactly what a rep did in the sidebar', async () => {
    const dash = await browser.context.newPage();
    await dash.goto(dashUrl);
    await expect
      .poll(() => dash.getByTestId('dashboard-empty').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await ask(dash, 'setRep', REP);

    const crm = await browser.context.newPage();
    await crm.goto(DANA_URL);
    const sidebar = crm.locator('tandem-sidebar');
    await sidebar.getByTestId('record-name').waitFor({ timeout: 20_000 });
    const first = sidebar.getByTestId('asset').nth(0);
    const second = sidebar.getByTestId('asset').nth(1);
    const firstId = (await first.getAttribute('data-asset-id'))!;
    const secondId = (await second.getAttribute('data-asset-id'))!;

    const clicks: Locator[] = [
      first.getByTestId('asset-copy'),
      first.getByTestId('asset-sent'),
      first.getByTestId('feedback-useful'),
      second.getByTestId('feedback-outdated'),
      sidebar.getByTestId('verdict-accept'),
    ];
    for (const [i, button] of clicks.entries()) {
      await button.click();
      await expect.poll(() => storedEvents(dash), { timeout: 10_000 }).toBe(i + 1);
    }
    // The popup's insight form needs a tab it was opened over; the same message it sends:
    const at = Date.now();
    const hex = at.toString(16).padStart(12, '0');
    await ask(dash, 'recordEvent', {
      id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7abc-8def-0123456789ab`,
      at,
      kind: 'field_insight',
      category: 'competitor',
      text: 'They are also talking to Northwind',
      tags: ['northwind'],
    });

    await dash.reload();
    await dash.getByTestId('totals').waitFor({ timeout: 20_000 });
    expect(await dash.getByTestId('total-usage').textContent()).toBe('2');
    expect(await dash.getByTestId('total-feedback').textContent()).toBe('2');
    expect(await dash.getByTestId('total-verdicts').textContent()).toBe('1');
    expect(await dash.getByTestId('total-insights').textContent()).toBe('1');

    const usage = dash.getByTestId('usage-table');
    expect(await cell(usage, firstId, 'copied').textContent()).toBe('1');
    expect(await cell(usage, firstId, 'sent').textContent()).toBe('1');
    expect(await cell(usage, firstId, 'reps').textContent()).toBe('1');
    expect(await cell(usage, firstId, 'leads').textContent()).toBe('1');
    expect(await cell(usage, secondId, 'copied').textContent()).toBe('0');

    const feedback = dash.getByTestId('feedback-table');
    expect(await cell(feedback, firstId, 'useful').textContent()).toBe('1');
    expect(await cell(feedback, firstId, 'rate').textContent()).toBe('100%');
    expect(await cell(feedback, secondId, 'outdated').textContent()).toBe('1');
    expect(await cell(feedback, secondId, 'rate').textContent()).toBe('0%');

    expect(await dash.getByTestId('acceptance').textContent()).toMatch(
      /^Acceptance rate 100% \(1 accepted, 0 rejected/,
    );
    const reps = dash.getByTestId('reps-table');
    expect(await cell(reps, REP.email, 'copied').textContent()).toBe('1');
    expect(await cell(reps, REP.email, 'feedback').textContent()).toBe('2');
    expect(await cell(reps, REP.email, 'accepted').textContent()).toBe('1');
    expect(await dash.getByTestId('insights-table-row').count()).toBe(1);

    // Sorting is by header button, announced with aria-sort.
    const header = usage.locator('th', { hasText: 'Copied' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await usage.getByTestId('usage-table-row').first().getAttribute('data-key')).toBe(
      firstId,
    );
    await crm.close();
    await dash.close();
  });

  it('has no serious or critical axe violations, and is photographed with sample events', async () => {
    const now = Date.now();
    const events = sampleEvents(generateDemoWorkspace({ now }), { count: 900, now, days: 84 }).map(
      (e) => ({ ...e, delivery: 'local', attempts: 0 }),
    );
    // The page's first load makes sure the store exists (and is seeded) before writing to it.
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.goto(dashUrl);
    await page.getByTestId('totals').waitFor({ timeout: 30_000 });
    await browser.serviceWorker.evaluate(async (list) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('tandem');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction('events', 'readwrite');
      for (const e of list) tx.objectStore('events').put(e);
      await new Promise((r) => (tx.oncomplete = r));
      db.close();
    }, events);

    await page.reload();
    await page.getByTestId('chart-top-assets').waitFor({ timeout: 30_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
    await page.screenshot({ path: 'docs/dashboard.png' });
    await page.close();
  }, 180_000);
});
