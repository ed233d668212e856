/**
 * `npm run demo`: builds Tandem (done by the npm script), serves demo CRM record pages at their
 * real CRM URLs, and opens Chromium with Tandem loaded on them. With a display it stays open for
 * you to explore; without one (or with --headless) it saves screenshots of the sidebar and
 * prints their paths.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension, serveFixtures } from './chromium';
import { SHOWCASE_LEADS } from '../lib/demo/showcase';

const SF = 'https://acme.lightning.force.com';
const PAGES = [
  {
    name: 'lead-dana-whitfield',
    url: `${SF}/lightning/r/Lead/${SHOWCASE_LEADS[0]!.crmRefs[0]!.recordId}/view`,
  },
  {
    name: 'contact-marcus-oyelaran',
    url: `${SF}/lightning/r/Contact/${SHOWCASE_LEADS[1]!.crmRefs[0]!.recordId}/view`,
  },
  {
    name: 'lead-priya-raman-overdue-mql',
    url: `${SF}/lightning/r/Lead/${SHOWCASE_LEADS[2]!.crmRefs[0]!.recordId}/view`,
  },
];

async function main() {
  const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
  const outDir = resolve(process.env.TANDEM_SCREENSHOTS ?? 'demo-screenshots');
  const { context } = await launchWithExtension({ headless });
  await serveFixtures(context);

  if (!headless) {
    for (const p of PAGES) await (await context.newPage()).goto(p.url);
    console.log(
      'Chromium is open with Tandem on three demo CRM records. Close the browser to finish.',
    );
    await new Promise<void>((done) => context.on('close', () => done()));
    return;
  }

  mkdirSync(outDir, { recursive: true });
  const saved: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    for (const p of PAGES) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(p.url);
      await page.locator('tandem-sidebar').getByTestId('record').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300); // let the last paint settle
      const file = resolve(outDir, `${p.name}-${scheme}.png`);
      await page.screenshot({ path: file });
      saved.push(file);
      await page.close();
    }
  }
  await context.close();
  console.log('No display found, so the demo ran headless. Screenshots of the Tandem sidebar:');
  for (const f of saved) console.log(`  ${f}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
