import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { ADAPTERS } from '../../lib/crm/adapters';
import {
  collectProbes,
  crmRuntimeSettings,
  customAdapter,
  customAdapters,
  customHostMap,
  fieldsFromPage,
  originPattern,
  probeSpec,
  testCustomCrm,
  type RulesCrm,
} from '../../lib/crm/custom';
import { validateCustomCrm } from '../../lib/crm/custom-validate';
import { readFields } from '../../lib/crm/detect';
import { matchUrl } from '../../lib/crm/match';
import { RecordWatcher } from '../../lib/crm/watcher';
import type { DetectedRecord } from '../../lib/model';
import { CustomCrm, SelfHostedAdapterId, Settings } from '../../lib/model/settings';
import { loadFixture } from './fixtures';

/** Puts test markup (written here, not untrusted) into a document's body. */
function setBody(doc: Document, markup: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  doc.body.replaceChildren(...[...parsed.body.childNodes].map((n) => doc.importNode(n, true)));
}

const rulesCrm = (over: Partial<RulesCrm> = {}, kind: Partial<RulesCrm['kind']> = {}) =>
  ({
    id: 'c1',
    label: 'In-house CRM',
    host: 'crm.example-corp.internal',
    protocol: 'https',
    addedAt: 1_700_000_000_000,
    ...over,
    kind: {
      type: 'rules',
      recordUrlPattern: '^/leads/(\\d+)',
      objectType: 'lead',
      selectors: { name: 'h1.name', email: '.email' },
      ...kind,
    },
  }) as RulesCrm;

const sameAs = (adapterId: string, host = 'crm.example-corp.internal', id = 'c2'): CustomCrm => ({
  id,
  label: `Our ${adapterId}`,
  host,
  protocol: 'https',
  addedAt: 1_700_000_000_000,
  kind: { type: 'adapter', adapterId: adapterId as SelfHostedAdapterId },
});

/** The messages for one field (the form shows one per field). */
function errorsOf(input: unknown, opts?: Parameters<typeof validateCustomCrm>[1]) {
  const v = validateCustomCrm(input, opts);
  return v.ok ? {} : Object.fromEntries(v.errors.map((e) => [e.field, e.message]));
}

describe('validateCustomCrm: every bad input class says which field and what is wrong', () => {
  it('accepts a valid rules CRM and a valid "same as" CRM', () => {
    expect(validateCustomCrm(rulesCrm())).toEqual({ ok: true, crm: rulesCrm() });
    expect(validateCustomCrm(sameAs('suitecrm'))).toMatchObject({ ok: true });
  });

  it.each([
    ['', 'host: enter the host of your CRM, such as crm.example.com'],
    ['*', "host: '*' would match every site; enter one host such as crm.example.com"],
    [
      '*.com',
      "host: '*.com' would match every site under .com; enter one host such as crm.example.com",
    ],
    [
      '*.co.uk',
      "host: '*.co.uk' would match every site under .co.uk; enter one host such as crm.example.com",
    ],
    [
      '*.crm.example.com',
      "host: '*.crm.example.com' is a wildcard. Tandem asks for access to one host at a time: add each host separately, such as crm.example.com",
    ],
    ['10.0.0.*', "host: '10.0.0.*' is a range of addresses; enter one address such as 10.0.0.5"],
    [
      '10.0.0.0/24',
      "host: '10.0.0.0/24' is a range of addresses; enter one address such as 10.0.0.5",
    ],
    [
      'https://crm.example.com/index.php',
      'host: enter the host only, such as crm.example.com, without https:// or a path',
    ],
    [
      'crm.example.com/crm',
      'host: enter the host only, such as crm.example.com, without https:// or a path',
    ],
    ['[::1]:8080', "host: IPv6 addresses are not supported; enter the server's host name"],
    ['300.1.2.3', "host: '300.1.2.3' is not a valid IP address"],
    ['10.0.0', "host: '10.0.0' is not a valid IP address"],
    ['crm_server.example.com', "host: 'crm_server.example.com' is not a valid host name"],
    ['-crm.example.com', "host: '-crm.example.com' is not a valid host name"],
    ['crm.example.com:99999', "host: port '99999' is not valid; use a number from 1 to 65535"],
    ['crm.example.com:', "host: port '' is not valid; use a number from 1 to 65535"],
    [
      'com',
      "host: 'com' is a domain suffix shared by many sites, not one CRM; enter the full host, such as crm.example.com",
    ],
    ['co.uk', expect.stringMatching(/^host: 'co\.uk' is a domain suffix shared by many sites/)],
    ['github.io', expect.stringMatching(/^host: 'github\.io' is a domain suffix/)],
  ])('host %j', (host, message) => {
    expect(errorsOf(rulesCrm({ host }))).toEqual({ host: message });
  });

  it.each([
    'crm.example-corp.internal',
    '10.0.0.5:8080',
    '10.0.0.5',
    'crmserver', // an intranet host (Dynamics on-premises is often http://crmserver/org/)
    'localhost:3000',
    'xn--bcher-kva.example',
  ])('accepts the host %j', (host) => {
    expect(validateCustomCrm(rulesCrm({ host }))).toMatchObject({ ok: true, crm: { host } });
  });

  it('normalizes what people type: case, spaces, a trailing dot, the default port', () => {
    const v = validateCustomCrm(rulesCrm({ host: '  CRM.Example-Corp.Internal.:443 ' }));
    expect(v).toMatchObject({ ok: true, crm: { host: 'crm.example-corp.internal' } });
    const http = validateCustomCrm(rulesCrm({ host: 'crm.example.com:80', protocol: 'http' }));
    expect(http).toMatchObject({ ok: true, crm: { host: 'crm.example.com' } });
    // 443 is not the default for http: kept.
    const kept = validateCustomCrm(rulesCrm({ host: 'crm.example.com:443', protocol: 'http' }));
    expect(kept).toMatchObject({ ok: true, crm: { host: 'crm.example.com:443' } });
  });

  it('the schema alone (the background) refuses a default port it was sent', () => {
    const r = CustomCrm.safeParse(rulesCrm({ host: 'crm.example.com:443' }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['host'], message: 'crmErrHostDefaultPort' });
  });

  it('refuses a host a built-in adapter already covers, naming it', () => {
    expect(errorsOf(rulesCrm({ host: 'acme.lightning.force.com' }))).toEqual({
      host: 'host: Tandem already supports Salesforce Lightning on acme.lightning.force.com; there is no need to add it',
    });
    expect(errorsOf(sameAs('odoo', 'acme.odoo.com')).host).toMatch(/already supports Odoo CRM/);
  });

  it('refuses a host already in the list (customHosts is keyed by host name, ports aside)', () => {
    const existing = [sameAs('suitecrm', 'crm.example-corp.internal:8080', 'other')];
    expect(errorsOf(rulesCrm(), { existing })).toEqual({
      host: 'host: crm.example-corp.internal is already in your list (as \u201cOur suitecrm\u201d)',
    });
    // The same entry (same id) is not its own duplicate.
    expect(validateCustomCrm({ ...existing[0]! }, { existing }).ok).toBe(true);
  });

  it.each([
    [
      '',
      'record URL pattern: enter a regular expression that matches the URLs of record pages, such as ^/leads/(\\d+)',
    ],
    ['^/leads/(\\d+', 'record URL pattern: unterminated group'],
    ['^/leads/[0-9+', 'record URL pattern: unterminated character class'],
    [
      '^/leads/(?<id\\d+)',
      expect.stringMatching(/^record URL pattern: invalid capture group name/i),
    ],
    [
      '^/leads/\\d+',
      'record URL pattern: put one capture group around the record id, such as ^/leads/(\\d+)',
    ],
    [
      '^/(leads|contacts)/(\\d+)',
      'record URL pattern: has 2 capture groups; keep one around the record id (write (?:\u2026) for the others) or name it (?<id>\u2026)',
    ],
    [
      '(.+)',
      'record URL pattern: matches every page, not only records; make it more specific, such as ^/leads/(\\d+)',
    ],
    ['x'.repeat(501), 'record URL pattern: too long: at most 500 characters'],
  ])('record URL pattern %j', (recordUrlPattern, message) => {
    expect(errorsOf(rulesCrm({}, { recordUrlPattern }))).toEqual({ recordUrlPattern: message });
  });

  it('accepts a named group `id` among other groups, and a non-capturing group', () => {
    for (const recordUrlPattern of [
      '^/(leads|contacts)/(?<id>\\d+)',
      '^/(?:leads|people)/(\\d+)',
    ]) {
      expect(validateCustomCrm(rulesCrm({}, { recordUrlPattern })).ok, recordUrlPattern).toBe(true);
    }
  });

  it('selectors: one that throws, and none for email or name', () => {
    expect(errorsOf(rulesCrm({}, { selectors: { name: 'h1', email: '##' } }))).toEqual({
      'selectors.email': "email selector: '##' is not a valid CSS selector",
    });
    expect(errorsOf(rulesCrm({}, { selectors: { title: '[data-x=' } }))).toEqual({
      selectors:
        'selectors: give a selector for the email or the name at least: Tandem finds the marketing data by them',
      'selectors.title': "job title selector: '[data-x=' is not a valid CSS selector",
    });
    // Blank inputs are dropped, not kept as empty selectors.
    const v = validateCustomCrm(rulesCrm({}, { selectors: { name: ' h1 ', phone: '  ' } }));
    expect(v).toMatchObject({ ok: true, crm: { kind: { selectors: { name: 'h1' } } } });
  });

  it('without a DOM (the service worker) selectors are left to the page', () => {
    const input = rulesCrm({}, { selectors: { email: '##' } });
    expect(validateCustomCrm(input, { document: null }).ok).toBe(true);
  });

  it('label, adapter and the shape', () => {
    expect(errorsOf(rulesCrm({ label: 'x'.repeat(81) }))).toEqual({
      label: 'label: too long: at most 80 characters',
    });
    // An empty label becomes the host.
    expect(validateCustomCrm(rulesCrm({ label: '  ' }))).toMatchObject({
      crm: { label: 'crm.example-corp.internal' },
    });
    expect(errorsOf(sameAs('salesforce-lightning'))).toEqual({ adapterId: 'CRM: not valid' });
    expect(errorsOf({ ...rulesCrm(), protocol: 'ftp' })).toEqual({
      protocol: 'protocol: not valid',
    });
    expect(validateCustomCrm(null).ok).toBe(false);
  });

  it('lists every problem at once, in form order', () => {
    const v = validateCustomCrm(
      rulesCrm({ host: '*' }, { recordUrlPattern: '(', selectors: { phone: '##' } }),
    );
    expect(v.ok || v.errors.map((e) => e.field)).toEqual([
      'host',
      'recordUrlPattern',
      'selectors',
      'selectors.phone',
    ]);
  });

  it('every issue code of the model has its message in the catalogue', () => {
    const source = readFileSync(resolve('lib/model/settings.ts'), 'utf8');
    const codes = [...new Set(source.match(/'crmErr\w+'/g))].map((c) => c.slice(1, -1));
    expect(codes.length).toBeGreaterThan(15);
    for (const code of codes) expect(en, code).toHaveProperty(code);
  });

  it('the self-hosted adapter ids of the model are exactly the registry\u2019s', () => {
    expect([...SelfHostedAdapterId.options].sort()).toEqual(
      ADAPTERS.filter((a) => a.selfHosted)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('Settings default to no CRMs added', () => {
    expect(Settings.parse({}).customCrms).toEqual([]);
  });
});

describe('customAdapter + matchUrl on a host the user added', () => {
  const adapter = customAdapter(rulesCrm());

  it('is the user\u2019s CRM on exactly that host', () => {
    expect(adapter).toMatchObject({
      id: 'custom:c1',
      crm: 'custom',
      label: 'In-house CRM',
      matches: ['https://crm.example-corp.internal/*'],
    });
    expect(adapter.urlRules.map((r) => r.seenOn)).toEqual(['added by the user']);
    const m = matchUrl('https://crm.example-corp.internal/leads/42?tab=1', [...ADAPTERS, adapter]);
    expect(m?.adapter).toBe(adapter);
    expect(m?.record).toEqual({
      objectType: 'lead',
      recordId: '42',
      tenant: 'crm.example-corp.internal',
    });
  });

  it.each([
    'https://crm.example-corp.internal/leads/', // no id
    'https://crm.example-corp.internal/accounts/42', // not the pattern
    'https://other.example-corp.internal/leads/42', // another host
    'https://crm.example-corp.internal.evil.com/leads/42',
    'https://evil.com/?https://crm.example-corp.internal/leads/42',
  ])('rejects %s', (url) => {
    expect(matchUrl(url, [adapter])).toBeNull();
  });

  it('uses the group named id, the host name without port as tenant, and honours the kill switch', () => {
    const named = customAdapter(
      rulesCrm(
        { host: '10.0.0.5:8080', protocol: 'http' },
        { recordUrlPattern: '#/(lead|contact)/(?<id>[a-f0-9]+)', objectType: 'contact' },
      ),
    );
    expect(named.matches).toEqual(['http://10.0.0.5:8080/*']);
    expect(matchUrl('http://10.0.0.5:8080/app#/contact/ab12', [named])?.record).toEqual({
      objectType: 'contact',
      recordId: 'ab12',
      tenant: '10.0.0.5',
    });
    expect(matchUrl('http://10.0.0.5:8080/app#/contact/ab12', [named], ['custom:c1'])).toBeNull();
  });

  it('reads each field from the element\u2019s text, else its value', () => {
    expect(adapter.probes.email).toEqual([
      { selector: '.email' },
      { selector: '.email', read: 'value' },
    ]);
  });

  it('skips a stored entry whose pattern no longer compiles', () => {
    const broken = rulesCrm({ id: 'bad' }, { recordUrlPattern: '(' });
    expect(customAdapters([broken, rulesCrm()]).map((a) => a.id)).toEqual(['custom:c1']);
  });

  it('origin pattern: with the port on Chrome, without on Firefox (its patterns have none)', () => {
    const crm = { protocol: 'http' as const, host: '10.0.0.5:8080' };
    expect(originPattern(crm, 'chrome')).toBe('http://10.0.0.5:8080/*');
    expect(originPattern(crm, 'firefox')).toBe('http://10.0.0.5/*');
    expect(originPattern(crm)).toBe('http://10.0.0.5:8080/*'); // tests build for Chrome
  });
});

describe('customHostMap: self-hosted adapters on hosts the user added', () => {
  const crms = [
    sameAs('suitecrm', 'crm.example-corp.internal', 'a'),
    sameAs('odoo', 'erp.example-corp.internal:8069', 'b'),
    sameAs('dynamics', 'crmserver', 'c'),
    rulesCrm({ id: 'd', host: 'inhouse.example-corp.internal' }),
  ];
  const hosts = customHostMap(crms);

  it('maps host names (no port) to adapter ids, rules CRMs aside', () => {
    expect([...hosts]).toEqual([
      ['crm.example-corp.internal', 'suitecrm'],
      ['erp.example-corp.internal', 'odoo'],
      ['crmserver', 'dynamics'],
    ]);
  });

  it.each([
    [
      'https://crm.example-corp.internal/#/leads/record/7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
      'suitecrm',
      {
        objectType: 'lead',
        recordId: '7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
        tenant: 'crm.example-corp.internal',
      },
    ],
    [
      'http://erp.example-corp.internal:8069/odoo/crm/42',
      'odoo',
      { objectType: 'lead', recordId: '42', tenant: 'erp.example-corp.internal' },
    ],
    [
      'http://crmserver/acme/main.aspx?etn=contact&pagetype=entityrecord&id=%7B4C1F7D2A-3B9E-4F61-9D2E-6A1B2C3D4E02%7D',
      'dynamics',
      { objectType: 'contact', recordId: '4c1f7d2a-3b9e-4f61-9d2e-6a1b2c3d4e02', tenant: 'acme' },
    ],
  ])('%s is read by %s', (url, adapterId, record) => {
    const m = matchUrl(url, ADAPTERS, [], hosts);
    expect(m?.adapter.id).toBe(adapterId);
    expect(m?.record).toEqual(record);
  });

  it('only the assigned adapter runs there, and its kill switch turns it off there too', () => {
    const url = 'https://crm.example-corp.internal/odoo/crm/42'; // an Odoo URL on the SuiteCRM host
    expect(matchUrl(url, ADAPTERS, [], hosts)).toBeNull();
    const suite =
      'https://crm.example-corp.internal/index.php?module=Leads&action=DetailView&record=7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11';
    expect(matchUrl(suite, ADAPTERS, ['suitecrm'], hosts)).toBeNull();
  });
});

describe('the content script\u2019s settings (crmRuntimeSettings)', () => {
  it('reads the kill switches, the rules adapters and the host map, tolerating junk', () => {
    expect(crmRuntimeSettings(undefined)).toMatchObject({ disabled: [], adapters: ADAPTERS });
    expect(crmRuntimeSettings({ disabledAdapters: 'zoho', customCrms: {} }).disabled).toEqual([]);
    const s = crmRuntimeSettings({
      disabledAdapters: ['zoho', 7],
      customCrms: [rulesCrm(), sameAs('twenty', 'twenty.example-corp.internal'), null, { host: 1 }],
    });
    expect(s.disabled).toEqual(['zoho']);
    expect(s.adapters.map((a) => a.id).slice(ADAPTERS.length)).toEqual(['custom:c1']);
    expect([...s.customHosts]).toEqual([['twenty.example-corp.internal', 'twenty']]);
  });

  it('a watcher given adapters as a function follows a CRM added while the page is open', async () => {
    const doc = document.implementation.createHTMLDocument('');
    setBody(
      doc,
      '<h1 class="name">Dana Whitfield</h1><span class="email">dana@northwind.example</span>',
    );
    const win = { location: { href: 'https://crm.example-corp.internal/leads/42' }, document: doc };
    let current = crmRuntimeSettings(undefined);
    const mounted: DetectedRecord[] = [];
    const watcher = new RecordWatcher({
      window: win as unknown as Window,
      adapters: () => current.adapters,
      disabled: () => current.disabled,
      customHosts: () => current.customHosts,
      fieldTimeoutMs: 50,
      mount: async (d) => {
        mounted.push(d);
      },
    });
    watcher.check();
    await new Promise((r) => setTimeout(r, 20));
    expect(mounted).toEqual([]);

    current = crmRuntimeSettings({ customCrms: [rulesCrm()] });
    watcher.stop();
    watcher.check();
    await new Promise((r) => setTimeout(r, 20));
    expect(mounted).toHaveLength(1);
    expect(mounted[0]).toMatchObject({
      ref: {
        crm: 'custom',
        tenant: 'crm.example-corp.internal',
        objectType: 'lead',
        recordId: '42',
      },
      adapterId: 'custom:c1',
      fields: {
        name: { value: 'Dana Whitfield', provenance: { source: 'dom', detail: 'h1.name' } },
        email: { value: 'dana@northwind.example' },
      },
    });
    watcher.stop();
  });
});

describe('testCustomCrm: what the preview shows', () => {
  const page = (html: string) => {
    const doc = document.implementation.createHTMLDocument('Dana Whitfield');
    setBody(doc, html);
    return doc;
  };

  it('a rules CRM: the record, text and input values, a selector the page makes throw', () => {
    const doc = page(
      '<h1 class="name"> Dana  Whitfield </h1><input class="email" value="dana@northwind.example"><a class="tel" href="tel:1">+1 555 0100</a>',
    );
    const crm = rulesCrm(
      {},
      {
        selectors: {
          name: 'h1.name',
          email: 'input.email',
          phone: '.tel',
          company: '.missing',
          title: '##',
        },
      },
    );
    expect(testCustomCrm(crm, 'https://crm.example-corp.internal/leads/42', doc)).toEqual({
      url: 'https://crm.example-corp.internal/leads/42',
      record: { objectType: 'lead', recordId: '42', tenant: 'crm.example-corp.internal' },
      viewFound: true,
      fields: {
        name: { value: 'Dana Whitfield', provenance: { source: 'dom', detail: 'h1.name' } },
        email: {
          value: 'dana@northwind.example',
          provenance: { source: 'input', detail: 'input.email' },
        },
        phone: { value: '+1 555 0100', provenance: { source: 'dom', detail: '.tel' } },
      },
      selectorErrors: { title: expect.stringContaining('##') },
    });
  });

  it('a page whose URL is not a record still shows the fields', () => {
    const doc = page('<h1 class="name">Dana</h1>');
    const got = testCustomCrm(rulesCrm(), 'https://crm.example-corp.internal/leads', doc);
    expect(got.record).toBeNull();
    expect(got.fields.name?.value).toBe('Dana');
  });

  it('a "same as SuiteCRM" CRM on the SuiteCRM fixture', () => {
    const { url, doc } = loadFixture('suitecrm/dana-whitfield.html');
    const got = testCustomCrm(sameAs('suitecrm', new URL(url).host), url, doc);
    expect(got.record).toMatchObject({ objectType: 'lead' });
    expect(got.fields.email?.value).toMatch(/@/);
    expect(got.fields.name?.value).toBeTruthy();
  });
});

/**
 * The preview runs `collectProbes` in the page and `fieldsFromPage` in the extension; the
 * sidebar runs `readFields`. On every fixture page of every adapter both must agree.
 */
describe('collectProbes + fieldsFromPage == readFields on every CRM fixture', () => {
  const root = resolve('test/fixtures/crm');
  const cases = readdirSync(root).flatMap((dir) =>
    readdirSync(resolve(root, dir))
      .filter((f) => f.endsWith('.html'))
      .map((f) => [dir, `${dir}/${f}`] as const),
  );
  it.each(cases)('%s: %s', (adapterId, path) => {
    const adapter = ADAPTERS.find((a) => a.id === adapterId)!;
    expect(adapter, adapterId).toBeDefined();
    const { doc } = loadFixture(path);
    const expected = readFields(adapter, doc);
    const got = fieldsFromPage(adapter, collectProbes(probeSpec(adapter), doc));
    expect(got).toEqual(expected);
  });

  it('the fixtures exercise it: most of them show fields without running their scripts', () => {
    const withFields = cases.filter(([adapterId, path]) => {
      const adapter = ADAPTERS.find((a) => a.id === adapterId)!;
      return Object.keys(readFields(adapter, loadFixture(path).doc)).length > 0;
    });
    expect(withFields.length).toBeGreaterThanOrEqual(cases.length - 3);
  });

  it('probeSpec carries no functions (it crosses into the page)', () => {
    for (const adapter of ADAPTERS) {
      const spec = probeSpec(adapter);
      expect(JSON.parse(JSON.stringify(spec)), adapter.id).toEqual(spec);
    }
  });
});
