/**
 * Finds a Chromium to drive and launches it with the built extension loaded. Shared by the
 * end-to-end tests, `npm run demo` and `npm run bench`.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** `CHROME_PATH`, then the usual locations; throws a message saying what to install. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set ' +
      'CHROME_PATH to a Chromium or Chrome for Testing binary. Branded Google Chrome 137+ ignores ' +
      '--load-extension, so it cannot run Tandem unpacked from the command line.',
  );
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  profileDir: string;
}

/** Flags shared by every launch, with or without the extension. */
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchWithExtension(
  opts: { headless?: boolean; profileDir?: string; extensionDir?: string } = {},
): Promise<Launched> {
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(ext, 'manifest.json'))) {
    throw new Error(`No built extension at ${ext}: run \`npm run build\` first.`);
  }
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'tandem-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    viewport: { width: 1400, height: 900 },
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...BROWSER_ARGS],
  });
  // Bounded waits for actions and locators (Playwright's default is none): a test polling for
  // an element that never comes then retries and fails with its own message instead of hanging.
  context.setDefaultTimeout(15_000);
  const serviceWorker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  const launched = { context, extensionId, serviceWorker, profileDir };
  // A record opened while the demo workspace is being seeded shows the loading state until
  // then, which on a busy machine can outlast a test's patience; and seeding would replace
  // what a benchmark writes into the store meanwhile.
  await waitForSeed(launched);
  return launched;
}

/** Polls the background's store status from an extension page until the store is seeded. */
async function waitForSeed(
  { context, extensionId }: Pick<Launched, 'context' | 'extensionId'>,
  timeoutMs = 90_000,
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const seeded = await page.evaluate(async (timeout) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
        ?.runtime as { sendMessage(m: unknown): Promise<unknown> } | undefined;
      if (!runtime?.sendMessage) return 'no runtime.sendMessage on the extension page';
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        const res = (await runtime
          .sendMessage({ tandem: 1, name: 'getStoreStatus', data: {} })
          .catch(() => undefined)) as { ok?: boolean; value?: { seeded?: boolean } } | undefined;
        if (res?.ok && res.value?.seeded) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return `not seeded after ${timeout} ms`;
    }, timeoutMs);
    if (seeded !== true) throw new Error(`The demo workspace: ${seeded}`);
  } finally {
    await page.close();
  }
}

/**
 * The same browser with the same flags, minus `--load-extension`: the baseline of benchmarks
 * that measure what the extension adds to a page (Playwright passes `--disable-extensions`).
 */
export async function launchWithoutExtension(
  opts: { headless?: boolean; profileDir?: string } = {},
): Promise<{ context: BrowserContext; profileDir: string }> {
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'tandem-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    viewport: { width: 1400, height: 900 },
    args: BROWSER_ARGS,
  });
  return { context, profileDir };
}

/** A CRM host and the fixture page served for every URL on it. */
export interface FixtureRoute {
  /** Origin, e.g. https://acme.lightning.force.com */
  origin: string;
  file: string;
}

export const FIXTURE_ROUTES: FixtureRoute[] = [
  {
    origin: 'https://acme.lightning.force.com',
    file: 'test/fixtures/crm/salesforce-lightning/app.html',
  },
];

/**
 * Serves the CRM fixture pages at the real CRM URLs (the content script matches exactly as on
 * the real site) and blocks every other request: nothing leaves the machine.
 */
export async function serveFixtures(
  context: BrowserContext,
  routes = FIXTURE_ROUTES,
): Promise<void> {
  for (const r of routes) {
    const body = readFileSync(resolve(r.file), 'utf8');
    await context.route(`${r.origin}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
    );
  }
  const allowed = routes.map((r) => r.origin);
  await context.route(
    (url) =>
      /^https?:/.test(url.protocol) &&
      !allowed.includes(url.origin) &&
      url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
}
