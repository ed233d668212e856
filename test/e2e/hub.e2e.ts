/**
 * Two reps and a marketer, each in their own browser profile, against a team hub on loopback:
 * feedback from both reps reaches the marketer's dashboard exactly once, including feedback
 * given while the hub was down (queued, then delivered when it came back); a rep's sidebar says
 * where the lead stands among every lead the hub holds (the hub's ranking).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoWorkspace } from '../../lib/demo';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { launchWithExtension, serveFixtures, type Launched } from '../../scripts/chromium';

const EXT = resolve('.output/loopback-hub/chrome-mv3');
const priya = SHOWCASE_LEADS[2]!;
const RECORD = `https://acme.lightning.force.com/lightning/r/Lead/${priya.crmRefs[0]!.recordId}/view`;

let dataDir: string;
let port: number;
let hub: ChildProcess | undefined;
const browsers: Launched[] = [];
const base = () => `http://127.0.0.1:${port}`;

const freePort = () =>
  new Promise<number>((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => done(p));
    });
  });

const hubEnv = () => ({ ...process.env, HUB_DATA_DIR: dataDir, PORT: String(port) });

async function startHub() {
  hub = spawn('node', ['--import', 'tsx', 'server/main.ts'], { env: hubEnv(), stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base()}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the hub did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopHub() {
  const proc = hub;
  hub = undefined;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((done) => proc.once('exit', done));
  proc.kill('SIGTERM');
  await exited;
}

async function api(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${base()}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

interface Person {
  name: string;
  email: string;
  role: 'rep' | 'marketer';
  token?: string;
}
const rep1: Person = { name: 'Rita Rep', email: 'rita@acme.example', role: 'rep' };
const rep2: Person = { name: 'Sam Seller', email: 'sam@acme.example', role: 'rep' };
const marketer: Person = { name: 'Mara Marketer', email: 'mara@acme.example', role: 'marketer' };

/** A browser profile with the extension, this person's identity and the hub connected. */
async function profile(person: Person): Promise<Launched> {
  const b = await launchWithExtension({ extensionDir: EXT });
  browsers.push(b);
  await serveFixtures(b.context);
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.getByTestId('rep-name').fill(person.name);
  await options.getByTestId('rep-email').fill(person.email);
  await options.getByTestId('rep-save').click();
  await options.getByText('Saved.').waitFor({ timeout: 10_000 });
  await options.getByTestId('hub-url').fill(base());
  await options.getByTestId('hub-token').fill(person.token!);
  await options.getByTestId('hub-connect').click();
  await options.getByTestId('hub-connected').waitFor({ timeout: 30_000 });
  expect(await options.getByTestId('hub-connected').textContent()).toContain(person.name);
  return b;
}

type HubEvent = {
  id: string;
  kind: string;
  rating?: string;
  assetId?: string;
  rep: { email: string };
};
const hubFeedback = async (adminToken: string) =>
  ((await api(adminToken, '/v1/events?kind=content_feedback')) as { events: HubEvent[] }).events;

let adminToken: string;
/** The leads marketing loads into the hub: fewer than the demo workspace each browser seeds. */
let hubLeadCount = 0;

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], {
    // The test runner sets NODE_ENV=test; the extension is built as users get it.
    env: { ...process.env, NODE_ENV: 'production', TANDEM_LOOPBACK_HUB: '1' },
    stdio: 'ignore',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-hub-e2e-'));
  port = await freePort();
  // The first admin comes from the command line, before the hub serves.
  const out = execFileSync(
    'node',
    [
      '--import',
      'tsx',
      'server/main.ts',
      'create-token',
      '--workspace',
      'acme',
      '--role',
      'admin',
      '--name',
      'Ada Admin',
      '--email',
      'ada@acme.example',
    ],
    { env: hubEnv(), encoding: 'utf8' },
  );
  adminToken = out.trim().split('\n').pop()!.trim();
  await startHub();
  for (const person of [rep1, rep2, marketer]) {
    const created = (await api(adminToken, '/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: person.name, email: person.email, role: person.role }),
    })) as { token: string };
    person.token = created.token;
  }
  // Marketing publishes its definitions and loads its leads and touches.
  const demo = generateDemoWorkspace({ now: Date.now() });
  await api(adminToken, '/v1/workspace', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Acme',
      personas: demo.personas,
      campaigns: demo.campaigns,
      assets: demo.assets,
      scoringModel: demo.scoringModel,
      lifecycle: demo.lifecycle,
    }),
  });
  const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const leads = demo.leads.filter((l, i) => i < 250 || l.key === priya.key);
  hubLeadCount = leads.length;
  const keys = new Set(leads.map((l) => l.key));
  await api(adminToken, '/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: ndjson(leads),
  });
  await api(adminToken, '/v1/touches', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: ndjson(demo.touches.filter((t) => keys.has(t.leadKey))),
  });
  // The first ask has the hub rank every lead's score; the reps' extensions take that ranking.
  const deadline = Date.now() + 60_000;
  while (!((await api(adminToken, '/v1/ranking')) as { ranking: unknown }).ranking) {
    if (Date.now() > deadline) throw new Error('the hub did not rank the leads in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}, 240_000);

afterAll(async () => {
  for (const b of browsers) await b.context.close().catch(() => {});
  await stopHub();
});

describe('the team hub', () => {
  it('brings both reps’ feedback to the marketer’s dashboard exactly once, also across a hub outage', async () => {
    // Rep 1 rates the first recommended asset on the record page.
    const one = await profile(rep1);
    const page1 = await one.context.newPage();
    await page1.goto(RECORD);
    const sidebar1 = page1.locator('tandem-sidebar');
    await expect
      .poll(() => sidebar1.getByTestId('record-name').textContent(), { timeout: 30_000 })
      .toBe('Priya Raman');
    // Where Priya stands among the hub's leads (this browser's store holds only her).
    const standing = sidebar1.getByTestId('score-standing');
    await expect
      .poll(() => standing.getAttribute('data-of'), { timeout: 30_000 })
      .toBe(String(hubLeadCount));
    const rank = Number(await standing.getAttribute('data-rank'));
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(hubLeadCount);
    // The options page says who ranked, and over how many leads.
    const options1 = await one.context.newPage();
    await options1.goto(`chrome-extension://${one.extensionId}/options.html`);
    await expect
      .poll(() => options1.getByTestId('score-ranking').textContent(), { timeout: 15_000 })
      .toContain(`ranked by the team hub: ${hubLeadCount} leads`);
    await options1.close();
    const asset = sidebar1.getByTestId('asset').first();
    const assetId = (await asset.getAttribute('data-asset-id'))!;
    await asset.getByTestId('feedback-useful').click();
    await asset.getByTestId('action-done').first().waitFor({ timeout: 10_000 });
    // Delivered after its 10 s undo window.
    await expect
      .poll(async () => (await hubFeedback(adminToken)).length, { timeout: 60_000, interval: 1000 })
      .toBe(1);

    // Rep 2 opens the record while the hub is up, then the hub goes down.
    const two = await profile(rep2);
    const page2 = await two.context.newPage();
    await page2.goto(RECORD);
    const sidebar2 = page2.locator('tandem-sidebar');
    await expect
      .poll(() => sidebar2.getByTestId('record-name').textContent(), { timeout: 30_000 })
      .toBe('Priya Raman');
    await stopHub();
    const same = sidebar2.locator(`[data-testid="asset"][data-asset-id="${assetId}"]`);
    await same.getByTestId('feedback-outdated').click();
    await same.getByTestId('action-done').first().waitFor({ timeout: 10_000 });
    await page2.waitForTimeout(12_000); // its undo window passes; delivery fails and backs off

    // The hub comes back; the queued event goes out on the next sync.
    await startHub();
    const options2 = await two.context.newPage();
    await options2.goto(`chrome-extension://${two.extensionId}/options.html`);
    await options2.getByTestId('hub-sync').click();
    await expect
      .poll(async () => (await hubFeedback(adminToken)).length, { timeout: 60_000, interval: 1000 })
      .toBe(2);
    // A second sync sends nothing twice.
    await options2.getByTestId('hub-sync').click();
    await options2.waitForTimeout(2000);
    const events = await hubFeedback(adminToken);
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    expect(events.map((e) => [e.rep.email, e.rating, e.assetId]).sort()).toEqual(
      [
        [rep1.email, 'useful', assetId],
        [rep2.email, 'outdated', assetId],
      ].sort(),
    );

    // The marketer sees the team's numbers.
    const three = await profile(marketer);
    const dash = await three.context.newPage();
    await dash.goto(`chrome-extension://${three.extensionId}/dashboard.html`);
    await dash.getByTestId('totals').waitFor({ timeout: 30_000 });
    await expect.poll(() => dash.getByTestId('total-feedback').textContent()).toBe('2');
    const cell = (table: Locator, key: string, col: string) =>
      table.locator(`[data-key="${key}"] [data-col="${col}"]`);
    const feedback = dash.getByTestId('feedback-table');
    expect(await cell(feedback, assetId, 'useful').textContent()).toBe('1');
    expect(await cell(feedback, assetId, 'outdated').textContent()).toBe('1');
  }, 300_000);
});
