/**
 * The sidebar on hostile data and its accessibility, in real Chromium: marketing data is
 * untrusted (imported files, a hub), so HTML, script and javascript: URLs in it must stay inert.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, serveFixtures, type Launched } from '../../scripts/chromium';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { makePack, packTouches } from '../../lib/store/packs';

/** A stored pack with its bytes as plain numbers, to cross into and out of the worker. */
interface WirePack {
  leadKey: string;
  seq: number;
  minAt: number;
  count: number;
  data: number[];
}

const DANA_URL = `https://acme.lightning.force.com/lightning/r/Lead/${SHOWCASE_LEADS[0]!.crmRefs[0]!.recordId}/view`;
const XSS = `<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>`;

let browser: Launched;
beforeAll(async () => {
  browser = await launchWithExtension();
  await serveFixtures(browser.context);
});
afterAll(async () => {
  await browser?.context.close();
});

async function openDana(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(DANA_URL);
  await page.locator('tandem-sidebar').getByTestId('record-name').waitFor({ timeout: 20_000 });
  return page;
}

describe('hostile marketing data', () => {
  it('renders HTML and script as text and never links a javascript: URL', async () => {
    // Seed first (the first record view does), then poison the store from inside the worker.
    (await openDana()).close();
    // Dana's touches are stored encoded, in packs: read them out, poison their details here,
    // and write them back below.
    const stored = await browser.serviceWorker.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('tandem');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const range = IDBKeyRange.bound(['L-0001', -Infinity], ['L-0001', Infinity]);
      const packs = await new Promise<(Omit<WirePack, 'data'> & { data: Uint8Array })[]>((r) => {
        const q = db.transaction('touchPacks').objectStore('touchPacks').getAll(range);
        q.onsuccess = () => r(q.result as (Omit<WirePack, 'data'> & { data: Uint8Array })[]);
      });
      db.close();
      return packs.map((p) => ({ ...p, data: [...p.data] }));
    });
    expect(stored.length).toBeGreaterThan(0);
    const poisoned: WirePack[] = stored.map((p: WirePack) => {
      const touches = packTouches({ ...p, data: Uint8Array.from(p.data) });
      const pack = makePack(
        p.leadKey,
        p.seq,
        touches.map((t) => ({ ...t, detail: XSS })),
      );
      return { ...pack, data: [...pack.data] };
    });
    await browser.serviceWorker.evaluate(
      async ([xss, poisonedPacks]) => {
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          const req = indexedDB.open('tandem');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const tx = db.transaction(['assets', 'personas', 'touchPacks', 'meta'], 'readwrite');
        const all = <T>(store: IDBObjectStore) =>
          new Promise<T[]>((r) => {
            const q = store.getAll();
            q.onsuccess = () => r(q.result as T[]);
          });
        for (const a of await all<Record<string, unknown>>(tx.objectStore('assets'))) {
          tx.objectStore('assets').put({
            ...a,
            title: `${String(a.title)} ${xss}`,
            url: 'javascript:window.__pwned=3',
          });
        }
        for (const p of await all<Record<string, unknown>>(tx.objectStore('personas'))) {
          tx.objectStore('personas').put({
            ...p,
            name: `${String(p.name)} ${xss}`,
            pains: [xss],
            valueProposition: xss,
          });
        }
        for (const pack of poisonedPacks) {
          tx.objectStore('touchPacks').put({ ...pack, data: Uint8Array.from(pack.data) });
        }
        const meta = tx.objectStore('meta');
        const rev = await new Promise<number>((r) => {
          const q = meta.get('definitionsRevision');
          q.onsuccess = () => r((q.result as number) ?? 0);
        });
        meta.put(rev + 1, 'definitionsRevision');
        await new Promise((r) => (tx.oncomplete = r));
        db.close();
      },
      [XSS, poisoned] as const,
    );

    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(DANA_URL);
    const sidebar = page.locator('tandem-sidebar');
    await expect
      .poll(() => sidebar.getByTestId('touch').first().textContent(), { timeout: 20_000 })
      .toContain('<img');
    expect(await sidebar.getByTestId('asset').first().textContent()).toContain('<script>');
    // No element was created from the strings, nothing ran, no link carries the payload.
    expect(
      await page.evaluate(
        () =>
          document.querySelector('tandem-sidebar')!.shadowRoot!.querySelectorAll('img, script')
            .length,
      ),
    ).toBe(0);
    const hrefs = await page.evaluate(() =>
      [...document.querySelector('tandem-sidebar')!.shadowRoot!.querySelectorAll('a')].map((a) =>
        a.getAttribute('href'),
      ),
    );
    expect(hrefs.filter((h) => h && !/^https?:/.test(h))).toEqual([]);
    await sidebar.getByTestId('asset').first().click();
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(page.url()).toBe(DANA_URL);
    await page.close();
  });
});

describe('accessibility', () => {
  it('the sidebar has no serious or critical axe violations', async () => {
    const page = await openDana();
    await page.waitForTimeout(300);
    const results = await new AxeBuilder({ page }).include('tandem-sidebar').analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${JSON.stringify(v.nodes[0]?.target)})`,
      );
    expect(bad).toEqual([]);
    // In the dark theme too.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await new AxeBuilder({ page }).include('tandem-sidebar').analyze();
    expect(
      dark.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id),
    ).toEqual([]);
    await page.close();
  });
});
