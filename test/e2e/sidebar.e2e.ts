import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serveFixtures, type Launched } from '../../scripts/chromium';
import { SHOWCASE_LEADS, UNKNOWN_SALESFORCE_LEAD } from '../../lib/demo/showcase';

const SF = 'https://acme.lightning.force.com';
const dana = SHOWCASE_LEADS[0]!;
const marcus = SHOWCASE_LEADS[1]!;

let browser: Launched;
let page: Page;

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveFixtures(browser.context);
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.context.close();
});

const sidebar = () => page.locator('tandem-sidebar');

describe('Salesforce Lightning record page', () => {
  it('shows the demo lead in <tandem-sidebar> with an open shadow root', async () => {
    await page.goto(`${SF}/lightning/r/Lead/${dana.crmRefs[0]!.recordId}/view`);
    await expect
      .poll(() => sidebar().getByTestId('record-name').textContent(), { timeout: 20_000 })
      .toBe('Dana Whitfield');
    const record = sidebar().getByTestId('record');
    expect(await record.getAttribute('data-crm')).toBe('salesforce');
    expect(await record.getAttribute('data-object-type')).toBe('lead');
    expect(await record.getAttribute('data-record-id')).toBe('00Q5g00000ABCDeEAP');
    expect(await sidebar().getByTestId('record-email').textContent()).toBe(dana.email);
    expect(
      await page.evaluate(() => document.querySelector('tandem-sidebar')?.shadowRoot?.mode),
    ).toBe('open');
    // The engines ran on the demo data: a persona, a score with its rules, touches and assets.
    expect(await sidebar().getByTestId('persona-top').textContent()).toMatch(/Demand Gen/);
    expect(
      Number(await sidebar().getByTestId('score-total').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    expect(await sidebar().getByTestId('score-rule').count()).toBeGreaterThan(0);
    // The demo's leads were ranked when it was loaded: Dana, a hot MQL, stands near the top.
    const standing = sidebar().getByTestId('score-standing');
    expect(await standing.textContent()).toMatch(/^#\d+ of \d+ leads: top \d+% · ranked /);
    expect(Number(await standing.getAttribute('data-of'))).toBeGreaterThanOrEqual(300);
    expect(Number(await standing.getAttribute('data-rank'))).toBeLessThanOrEqual(50);
    expect(await sidebar().getByTestId('touch').count()).toBeGreaterThan(0);
    expect(await sidebar().getByTestId('asset').count()).toBeGreaterThan(0);
  });

  it('follows in-app navigation to another record without a reload and never shows the old one', async () => {
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    await page.getByRole('link', { name: 'Marcus Oyelaran' }).click();
    await expect
      .poll(() => sidebar().getByTestId('record-name').textContent(), { timeout: 20_000 })
      .toBe('Marcus Oyelaran');
    expect(await sidebar().getByTestId('record').getAttribute('data-record-id')).toBe(
      marcus.crmRefs[0]!.recordId,
    );
    expect(await sidebar().getByTestId('record').getAttribute('data-object-type')).toBe('contact');
    expect(await page.locator('tandem-sidebar').count()).toBe(1);
    // Same document: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(
      1,
    );
  });

  it('opens the agreed meaning of the lead’s stage, and of the one its score points to', async () => {
    // Marcus (from the test above): a lead whose score is past the MQL line.
    expect(await sidebar().getByTestId('stage').textContent()).toBe('Lead');
    expect(await sidebar().getByTestId('stage-suggestion').textContent()).toBe(
      'the score says MQL',
    );
    const criteria = sidebar().getByTestId('stage-criteria');
    expect(await criteria.isVisible()).toBe(false);
    await sidebar()
      .getByRole('button', { name: /what sales and marketing agreed/ })
      .click();
    await criteria.waitFor({ state: 'visible' });
    expect(await criteria.locator('p').allTextContents()).toEqual([
      expect.stringMatching(/^Lead: We have a business email/),
      expect.stringMatching(/^Marketing Qualified Lead \(MQL\): Score of 60 or more/),
    ]);
  });

  it('jumps to the recommended content past a long history, scrolling the sidebar and not the page', async () => {
    const heading = sidebar().getByRole('heading', { name: 'Recommended content' });
    const inView = async () => {
      const box = await heading.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
    };
    await heading.waitFor();
    expect(await inView()).toBe(false); // below a long touch history
    const pageScroll = await page.evaluate(() => window.scrollY);
    await sidebar()
      .getByRole('button', { name: /^Content \(\d+\)$/ })
      .click();
    await expect.poll(inView).toBe(true);
    expect(await heading.evaluate((h) => h === (h.getRootNode() as ShadowRoot).activeElement)).toBe(
      true,
    );
    expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);
    // The bar stays on screen, at the top of the sidebar's scroll area.
    const bar = await sidebar().getByTestId('section-jumps').boundingBox();
    expect(bar && bar.y >= 0 && bar.y < 100).toBe(true);
  });

  it('shows no-history for a record that is not in the marketing data', async () => {
    await page.getByRole('link', { name: 'Jordan Unknown' }).click();
    await expect
      .poll(() => sidebar().getByTestId('no-history').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await sidebar().getByTestId('record').getAttribute('data-record-id')).toBe(
      UNKNOWN_SALESFORCE_LEAD.recordId,
    );
    expect(await sidebar().getByTestId('touch').count()).toBe(0);
  });

  it('links a record with no history to a lead found by search, then shows its data', async () => {
    const search = sidebar().getByRole('searchbox', { name: /Find the lead/ });
    await search.fill('priya');
    await search.press('Enter');
    await sidebar().getByTestId('link-candidate').first().waitFor({ timeout: 10_000 });
    await sidebar().getByRole('button', { name: 'Link to this record' }).first().click();
    await expect
      .poll(() => sidebar().getByTestId('match').textContent(), { timeout: 20_000 })
      .toMatch(/Matched by CRM record id/);
    // Persona and touches come in the sidebar's second, deferred render.
    await expect.poll(() => sidebar().getByTestId('persona-top').count()).toBe(1);
    expect(await sidebar().getByTestId('touch').count()).toBeGreaterThan(0);
  });

  it('removes the sidebar on a page that is not a record', async () => {
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await expect.poll(() => page.locator('tandem-sidebar').count(), { timeout: 10_000 }).toBe(0);
  });
});

/** What the background does for the `toggle-sidebar` command, aimed at the tab showing `url`. */
async function sendToggle(url: string): Promise<void> {
  await browser.serviceWorker.evaluate(async (target) => {
    const api = (globalThis as unknown as { chrome: typeof chrome }).chrome;
    for (const tab of await api.tabs.query({ url: target })) {
      if (tab.id !== undefined)
        await api.tabs.sendMessage(tab.id, { tandemCommand: 'toggle-sidebar' });
    }
  }, url);
}

/** Writes the stored settings from the background (as the options page's handlers do). */
async function setSettings(settings: Record<string, unknown>): Promise<void> {
  await browser.serviceWorker.evaluate(async (value) => {
    const api = (globalThis as unknown as { chrome: typeof chrome }).chrome;
    await api.storage.local.set({ settings: value });
  }, settings);
}

describe('pages that are not records, the kill switch and the keyboard shortcut', () => {
  const priya = SHOWCASE_LEADS.find((l) => l.firstName === 'Priya')!;
  const priyaUrl = `${SF}/lightning/r/Lead/${priya.crmRefs[0]!.recordId}/view`;
  let other: Page;
  beforeAll(async () => {
    other = await browser.context.newPage();
  });
  afterAll(async () => {
    await setSettings({});
    await other?.close();
  });
  const bar = () => other.locator('tandem-sidebar');

  it('mounts nothing on a list page, then the record reached by in-app navigation', async () => {
    await other.goto(`${SF}/lightning/o/Lead/list`);
    await other.getByRole('heading', { name: 'Recently Viewed Leads' }).waitFor();
    expect(await bar().count()).toBe(0);
    await other.getByRole('link', { name: 'Priya Raman' }).click();
    await expect
      .poll(() => bar().getByTestId('record-name').textContent(), { timeout: 20_000 })
      .toBe('Priya Raman');
  });

  it('collapses and expands the sidebar on the keyboard shortcut', async () => {
    await sendToggle(priyaUrl);
    await bar()
      .getByRole('button', { name: 'Open the Tandem sidebar' })
      .waitFor({ timeout: 10_000 });
    expect(await bar().getByTestId('record').count()).toBe(0);
    await sendToggle(priyaUrl);
    await expect
      .poll(() => bar().getByTestId('record-name').textContent(), { timeout: 10_000 })
      .toBe('Priya Raman');
  });

  it('removes the sidebar when its CRM is switched off, and shows it again when switched on', async () => {
    await setSettings({ disabledAdapters: ['salesforce-lightning'] });
    await expect.poll(() => bar().count(), { timeout: 10_000 }).toBe(0);
    // A fresh page of a switched-off CRM: the background's URL check says no.
    await other.goto(priyaUrl);
    await other.getByRole('heading', { name: 'Priya Raman' }).waitFor({ timeout: 10_000 });
    await other.waitForTimeout(500); // time enough for a (wrong) detection and mount
    expect(await bar().count()).toBe(0);
    await setSettings({ disabledAdapters: [] });
    await expect
      .poll(() => bar().getByTestId('record-name').textContent(), { timeout: 20_000 })
      .toBe('Priya Raman');
  });
});

describe('the built extension', () => {
  it('ships the workspace bundle JSON Schema generated from the model', async () => {
    const schema = (await browser.serviceWorker.evaluate(async () => {
      const res = await fetch('/workspace-bundle.schema.json');
      return res.json();
    })) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['personas', 'scoringModel', 'lifecycle', 'leads', 'touches']),
    );
  });
});
