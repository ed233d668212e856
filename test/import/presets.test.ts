import { describe, expect, it, vi } from 'vitest';
import {
  countAll,
  getTouchesForLead,
  findLeadsByEmail,
  getDefinitions,
  listImports,
} from '../../lib/store';
import { MARKETO_ACTIVITY_TYPES } from '../../lib/import/presets';
import { dumpAll, fixture, importBytes, NOW, seededDb } from './helpers';

// Seeding the demo workspace into fake-indexeddb takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

describe('Marketo bulk activity extract', () => {
  it('maps activity types to touches on the lead with that Marketo id, skipping the rest', async () => {
    const db = await seededDb();
    const out = await importBytes(db, fixture('imports', 'marketo-activities.csv'));
    expect(out.status).toBe('imported');
    expect(out.kind).toBe('marketo');
    expect(out.counts.rows).toBe(16);
    // 13 "Change Data Value" and 12 "New Lead" have no touch type.
    expect(out.counts.skipped).toBe(2);
    expect(out.counts.touchesAdded).toBe(14);
    const dana = await getTouchesForLead(db, 'L-0001');
    const imported = dana.filter((t) => t.source === 'marketo');
    expect(imported.map((t) => t.type)).toEqual([
      'email_sent',
      'email_delivered',
      'email_clicked',
      'email_opened',
      'email_clicked',
      'page_viewed',
      'form_submitted',
      'webinar_registered',
      'webinar_attended',
      'score_changed',
    ]);
    const bot = imported.find((t) => t.id === 'marketo:600114')!;
    expect(bot.botSuspect).toBe(true);
    expect(bot.url).toBe('https://www.acme-analytics.example/webinars/q4?utm_source=marketo');
    expect(imported.find((t) => t.id === 'marketo:600121')!.botSuspect).toBe(false);
    expect(imported.find((t) => t.id === 'marketo:600141')!.detail).toBe('Behavior Score +15');
    expect(imported[0]!.at).toBe(Date.UTC(2026, 9, 1, 14, 2, 11));
    expect(imported[0]!.campaignId).toBe('mkto-8801');
    // Lead 1002 is not in the workspace: a lead is created for its touches.
    expect((await getTouchesForLead(db, 'marketo-1002')).map((t) => t.type)).toEqual([
      'email_sent',
      'email_bounced',
      'list_added',
    ]);
    const history = await listImports(db);
    expect(history[0]).toMatchObject({ kind: 'marketo', rows: 16, rejected: 0, status: 'ok' });
  });

  it('every mapped activity type id yields a valid touch type', () => {
    expect(Object.keys(MARKETO_ACTIVITY_TYPES).length).toBeGreaterThan(8);
  });

  it('reads the same file in UTF-16 with a byte-order mark and CRLF line ends', async () => {
    const a = await seededDb();
    const utf8 = await importBytes(a, fixture('imports', 'marketo-activities.csv'));
    const dumpA = await dumpAll(a);
    a.close();
    globalThis.indexedDB = new IDBFactory();
    const b = await seededDb();
    const utf16 = await importBytes(b, fixture('imports', 'marketo-activities-utf16le.csv'));
    expect(utf16.counts).toEqual(utf8.counts);
    expect(dumpA.touchPacks!.length).toBeGreaterThan(0);
    expect((await dumpAll(b)).touchPacks).toEqual(dumpA.touchPacks);
  });
});

describe('HubSpot contacts export', () => {
  it('creates and updates leads with stage, score and original source', async () => {
    const db = await seededDb();
    const out = await importBytes(db, fixture('imports', 'hubspot-contacts.csv'));
    expect(out).toMatchObject({ status: 'imported', kind: 'hubspot' });
    expect(out.counts).toMatchObject({ rows: 4, leadsAdded: 3, leadsUpdated: 1, rejected: 0 });
    const [dana] = await findLeadsByEmail(db, 'dana.whitfield@northwind-analytics.com');
    expect(dana).toMatchObject({
      key: 'L-0001',
      stage: 'mql',
      sourceScore: 72,
      originalSource: 'Organic Search',
    });
    const [amara] = await findLeadsByEmail(db, 'amara.okafor@lumenfreight.com');
    expect(amara).toMatchObject({
      key: 'hubspot-70101',
      firstName: 'Amara',
      companySize: 1400,
      stage: 'sql',
      sourceSystem: 'hubspot',
      sourceId: '70101',
    });
    const [lucia] = await findLeadsByEmail(db, 'lucia.fernandez@valle-retail.es');
    expect(lucia?.firstName).toBe('Lucía');
  });
});

describe('Salesforce campaign members report', () => {
  it('finds members by record id (15 to 18), makes campaign touches and the campaign', async () => {
    const db = await seededDb();
    const out = await importBytes(db, fixture('imports', 'salesforce-campaign-members.csv'));
    expect(out).toMatchObject({ status: 'imported', kind: 'salesforce' });
    expect(out.counts).toMatchObject({ rows: 4, touchesAdded: 4, rejected: 0 });
    const dana = (await getTouchesForLead(db, 'L-0001')).filter((t) => t.source === 'salesforce');
    expect(dana).toHaveLength(1);
    expect(dana[0]).toMatchObject({ type: 'webinar_attended', at: Date.UTC(2026, 9, 9) });
    const marcus = (await getTouchesForLead(db, 'L-0002')).filter((t) => t.source === 'salesforce');
    expect(marcus[0]?.type).toBe('webinar_registered');
    // A quoted newline inside the title stays in the field.
    const [grace] = await findLeadsByEmail(db, 'grace.lindqvist@nordlys.example');
    expect(grace?.title).toBe('Director,\nMarketing Operations');
    const [omar] = await findLeadsByEmail(db, 'omar.haddad@desertcloud.example');
    const booth = await getTouchesForLead(db, omar!.key);
    // A trade show's "Visited Booth", dated by its US-format first responded date and time.
    expect(booth[0]).toMatchObject({ type: 'event_attended', at: Date.UTC(2026, 10, 3, 14, 30) });
    const defs = await getDefinitions(db);
    expect(defs.campaigns.map((c) => c.id)).toContain('sf-7015g000000Wbn1AAC');
    expect(defs.campaigns.find((c) => c.id === 'sf-7015g000000Wbn1AAC')?.type).toBe('webinar');
  });
});

describe('personas, assets and campaigns', () => {
  it('imports each from CSV and from JSON and bumps the definitions revision', async () => {
    const db = await seededDb();
    const revision = async () => (await db.get('meta', 'definitionsRevision')) as number;
    const before = await revision();
    for (const name of ['personas.csv', 'assets.csv', 'campaigns.csv', 'definitions.json']) {
      const out = await importBytes(db, fixture('imports', name), { fileName: name });
      expect(out.status, name).toBe('imported');
    }
    const defs = await getDefinitions(db);
    const persona = defs.personas.find((p) => p.id === 'p-revops')!;
    expect(persona.criteria).toHaveLength(2);
    expect(persona.pains).toEqual(['Dirty CRM data', 'No shared funnel view']);
    const asset = defs.assets.find((a) => a.id === 'a-roi-2026')!;
    expect(asset).toMatchObject({
      stages: ['consideration', 'decision'],
      publishedAt: Date.UTC(2026, 8, 1),
    });
    expect(defs.assets.map((a) => a.id)).toContain('a-json-case');
    expect(defs.campaigns.map((c) => c.id)).toEqual(
      expect.arrayContaining(['c-q4-webinar', 'c-json-nurture']),
    );
    expect(await revision()).toBe(before + 4);
  });
});

describe('bundle', () => {
  it('replaces the workspace with a valid bundle and records the import', async () => {
    const db = await seededDb();
    const { generateDemoWorkspace } = await import('../../lib/demo');
    const bundle = generateDemoWorkspace({ now: NOW });
    bundle.workspace = { id: 'acme', name: 'Acme', updatedAt: NOW };
    bundle.touches = bundle.touches.slice(0, 50);
    const out = await importBytes(db, new TextEncoder().encode(JSON.stringify(bundle)), {
      fileName: 'acme.json',
    });
    expect(out.status).toBe('imported');
    expect(out.kind).toBe('bundle');
    expect((await countAll(db)).touches).toBe(50);
    expect(await db.get('meta', 'workspace')).toMatchObject({ id: 'acme' });
    expect((await listImports(db))[0]).toMatchObject({ kind: 'bundle', fileName: 'acme.json' });
  });
});
