import { examplesOf } from '../../../lib/crm/adapters/examples';
import { afterEach, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { twenty as adapter } from '../../../lib/crm/adapters/twenty';
import { detect, readFields } from '../../../lib/crm/detect';
import { matchUrl } from '../../../lib/crm/match';
import { loadFixture } from '../fixtures';
import {
  mountFixture,
  navigate,
  pageUrl,
  runFixtureScripts,
  sleep,
  unmountFixture,
} from './fixture-page';

const FIXTURE = 'twenty/dana-whitfield.html';

/** An example on a host the cloud pattern rejects is a self-hosted server the user assigned. */
function customHostsFor(url: string): ReadonlyMap<string, string> | undefined {
  const host = new URL(url).hostname.toLowerCase();
  return adapter.hostPattern.test(host) ? undefined : new Map([[host, adapter.id]]);
}

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describe('Twenty adapter', () => {
  afterEach(unmountFixture);

  describe('URL examples (self-hosted ones on a user-assigned host)', () => {
    it.each(examplesOf(adapter).map((e) => [e.url, e.expect] as const))('%s', (url, expected) => {
      const m = matchUrl(url, [adapter], [], customHostsFor(url));
      expect(m?.record ?? null).toEqual(expected);
      if (m) expect(m.adapter).toBe(adapter);
    });

    it('has cloud and self-hosted positives, and negatives', () => {
      const positives = examplesOf(adapter)
        .filter((e) => e.expect)
        .map((e) => e.url);
      expect(positives.some((u) => customHostsFor(u) === undefined)).toBe(true);
      expect(positives.some((u) => customHostsFor(u) !== undefined)).toBe(true);
      expect(examplesOf(adapter).filter((e) => !e.expect).length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('hosts', () => {
    it('owns app.twenty.com and workspace hosts, rejects look-alikes', () => {
      expect(adapter.selfHosted).toBe(true);
      for (const host of ['app.twenty.com', 'acme.twenty.com']) {
        expect(adapter.hostPattern.test(host), host).toBe(true);
      }
      for (const host of [
        'twenty.com',
        'www.twenty.com',
        'api.twenty.com',
        'evil-twenty.com',
        'twenty.com.evil.net',
        'app.twenty.com.evil.net',
      ]) {
        expect(adapter.hostPattern.test(host), host).toBe(false);
      }
    });

    it('runs on a self-hosted server only when the user assigned the host to it', () => {
      const url =
        'https://crm.example-corp.internal/object/person/3a9d7e51-2c4b-4f8e-b1a6-7e0d9c2f5b13';
      expect(matchUrl(url, [adapter])).toBeNull();
      expect(
        matchUrl(url, [adapter], [], new Map([['crm.example-corp.internal', 'odoo']])),
      ).toBeNull();
      expect(matchUrl(url, [adapter], [], customHostsFor(url))?.record.objectType).toBe('person');
    });

    it('has match patterns covering every cloud positive example', () => {
      const patterns = adapter.matches.map((p) => new MatchPattern(p));
      for (const e of examplesOf(adapter).filter((x) => x.expect && !customHostsFor(x.url))) {
        expect(
          patterns.some((p) => p.includes(e.url)),
          e.url,
        ).toBe(true);
      }
    });

    it('says where each URL rule was seen', () => {
      for (const rule of adapter.urlRules) expect(rule.seenOn.length).toBeGreaterThan(10);
    });
  });

  describe('fixture dana-whitfield.html', () => {
    it('detects Dana Whitfield with provenance', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: {
          crm: 'twenty',
          tenant: 'acme',
          objectType: 'person',
          recordId: '0f6b1c2e-8a4d-4e3b-9c7a-5d2e1f3a4b61',
        },
        url,
        adapterId: 'twenty',
        fields: {
          name: dom('Dana Whitfield', 'h1'),
          email: dom('dana.whitfield@northwind-analytics.com', 'a[href^="mailto:"]'),
          company: dom('Northwind Analytics', 'a[href*="/object/company/"]'),
          phone: dom('+1 415 555 0134', 'a[href^="tel:"]'),
        },
      });
    });

    it('falls back to document.title for the name', () => {
      const { url, doc } = loadFixture(FIXTURE);
      doc.querySelector('main h1')!.remove();
      expect(detect(url, doc, [adapter])?.fields.name).toEqual({
        value: 'Dana Whitfield',
        provenance: { source: 'title', detail: 'title' },
      });
      doc.title = 'Twenty';
      expect(detect(url, doc, [adapter])?.fields.name).toBeUndefined();
    });

    it('reads the same page on a user-assigned self-hosted server', () => {
      const { doc } = loadFixture(FIXTURE);
      const url =
        'https://crm.example-corp.internal/object/person/0f6b1c2e-8a4d-4e3b-9c7a-5d2e1f3a4b61';
      const m = matchUrl(url, [adapter], [], customHostsFor(url));
      expect(m?.record.tenant).toBe('crm.example-corp.internal');
      expect(readFields(m!.adapter, doc).email?.value).toBe(
        'dana.whitfield@northwind-analytics.com',
      );
    });

    it('follows in-app navigation to the other person and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref.recordId).toBe('3a9d7e51-2c4b-4f8e-b1a6-7e0d9c2f5b13');
      expect(rec?.fields.name?.value).toBe('Marcus Oyelaran');
      expect(rec?.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
      expect(rec?.fields.company?.value).toBe('Helix Biosystems');
      expect(rec?.fields.phone?.value).toBe('+44 20 7946 0321');
      history.back();
      await sleep(30);
      expect(detect(pageUrl(origin), document, [adapter])?.fields.name?.value).toBe(
        'Dana Whitfield',
      );
    });
  });
});
