import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { launchWithExtension, serveFixtures, type Launched } from '../../scripts/chromium';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';

const SF = 'https://acme.lightning.force.com';
const priya = SHOWCASE_LEADS[2]!; // an MQL past its follow-up SLA
const REP = { name: 'Rita Rep', email: 'rita@seller.example' };

let browser: Launched;

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveFixtures(browser.context);
});
afterAll(async () => {
  await browser?.context.close();
});

const extPage = async (path: string) => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return page;
};

/** The extension's service worker as it runs now (an idle one is stopped and replaced). */
const currentWorker = async () =>
  browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId)) ??
  (await browser.context.waitForEvent('serviceworker', { timeout: 20_000 }));

/** Every stored event, read straight from the extension's IndexedDB. */
const storedEvents = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('events').objectStore('events').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result as Record<string, unknown>[]);
          };
        };
      }),
  );

describe('the feedback loop in Chromium', () => {
  it('keeps a popup rating and a sidebar verdict exactly once across a worker kill and a browser restart', async () => {
    // The rep says who they are, once, in the options page.
    const options = await extPage('options.html');
    await options.getByTestId('rep-name').fill(REP.name);
    await options.getByTestId('rep-email').fill(REP.email);
    await options.getByTestId('rep-save').click();
    await options.getByText('Saved.').waitFor({ timeout: 10_000 });

    // A lead record in the CRM, with Tandem's sidebar.
    const crm = await browser.context.newPage();
    const url = `${SF}/lightning/r/Lead/${priya.crmRefs[0]!.recordId}/view`;
    await crm.goto(url);
    const sidebar = crm.locator('tandem-sidebar');
    await expect
      .poll(() => sidebar.getByTestId('record-name').textContent(), { timeout: 20_000 })
      .toBe('Priya Raman');
    const persona = await sidebar.getByTestId('persona-top').textContent();
    const score = Number(await sidebar.getByTestId('score-total').getAttribute('data-value'));

    // Content feedback from the popup, for the tab showing the record.
    const [tabId] = await (
      await currentWorker()
    ).evaluate(async (u) => (await chrome.tabs.query({ url: u })).map((t) => t.id), url);
    const popup = await extPage(`popup.html?tabId=${tabId}`);
    await expect
      .poll(() => popup.getByTestId('popup-record-name').textContent(), { timeout: 20_000 })
      .toBe('Priya Raman');
    const assetId = await popup
      .locator('[data-testid="asset-option"][aria-selected="true"]')
      .getAttribute('data-asset-id');
    expect(assetId).toBeTruthy();
    const popupAxe = await new AxeBuilder({ page: popup }).analyze();
    expect(
      popupAxe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await popup.getByTestId('feedback-useful').dblclick(); // a double click stores one event
    await popup.getByTestId('action-done').waitFor({ timeout: 10_000 });

    // The MQL verdict from the sidebar header.
    await sidebar.getByTestId('verdict-reject').click();
    const reason = sidebar.getByTestId('verdict-reason');
    const reasonId = await reason.locator('option').nth(1).getAttribute('value');
    await reason.selectOption(reasonId!);
    await sidebar.getByTestId('verdict-submit').click();
    await sidebar.getByText(/^MQL rejected: /).waitFor({ timeout: 10_000 });

    await popup.reload();
    await expect
      .poll(() => popup.getByTestId('outbox-status').textContent(), { timeout: 10_000 })
      .toMatch(/0 queued · 0 delivered · 2 on this device/);

    // Kill the service worker; the next message starts a new one.
    type Marked = { __tandemTestMarker?: number };
    await (
      await currentWorker()
    ).evaluate(() => ((self as unknown as Marked).__tandemTestMarker = 1));
    const cdp = await browser.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await popup.reload();
    await expect
      .poll(() => popup.getByTestId('outbox-status').textContent(), { timeout: 20_000 })
      .toMatch(/0 queued · 0 delivered · 2 on this device/);
    // A new worker answered: the marker set in the old one is gone.
    expect(
      await (await currentWorker()).evaluate(() => (self as unknown as Marked).__tandemTestMarker),
    ).toBeUndefined();

    // Restart the browser on the same profile.
    const profileDir = browser.profileDir;
    await browser.context.close();
    browser = await launchWithExtension({ profileDir });
    const after = await extPage('options.html');
    const events = await storedEvents(after);
    expect(events).toHaveLength(2);
    const byKind = Object.fromEntries(events.map((e) => [e.kind, e]));
    expect(byKind.content_feedback).toMatchObject({
      assetId,
      rating: 'useful',
      rep: REP,
      leadKey: priya.key,
      record: { crm: 'salesforce', recordId: priya.crmRefs[0]!.recordId },
      context: { stage: 'mql', score },
      delivery: 'local',
    });
    expect(persona).toContain(
      (byKind.content_feedback!.context as { personaName: string }).personaName,
    );
    expect(byKind.lead_verdict).toMatchObject({
      verdict: 'rejected',
      reasonId,
      rep: REP,
      leadKey: priya.key,
      context: { stage: 'mql', score },
    });
  });
});
