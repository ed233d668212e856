import { examplesOf } from '../../../lib/crm/adapters/examples';
import { afterEach, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { copper as adapter } from '../../../lib/crm/adapters/copper';
import { detect } from '../../../lib/crm/detect';
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

const FIXTURE = 'copper/dana-whitfield.html';

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describe('Copper adapter', () => {
  afterEach(unmountFixture);

  describe('URL examples', () => {
    it.each(examplesOf(adapter).map((e) => [e.url, e.expect] as const))('%s', (url, expected) => {
      const m = matchUrl(url, [adapter]);
      expect(m?.record ?? null).toEqual(expected);
      if (m) expect(m.adapter).toBe(adapter);
    });

    it('has positives and negatives', () => {
      expect(examplesOf(adapter).filter((e) => e.expect).length).toBeGreaterThanOrEqual(2);
      expect(examplesOf(adapter).filter((e) => !e.expect).length).toBeGreaterThanOrEqual(3);
    });
  });

  it('owns app.copper.com only', () => {
    expect(adapter.matches).toEqual(['https://app.copper.com/*']);
    expect(adapter.hostPattern.test('app.copper.com')).toBe(true);
    for (const host of [
      'copper.com',
      'www.copper.com',
      'evil-copper.com',
      'app.copper.com.evil.net',
    ]) {
      expect(adapter.hostPattern.test(host), host).toBe(false);
    }
  });

  it('has match patterns covering every positive example', () => {
    const patterns = adapter.matches.map((p) => new MatchPattern(p));
    for (const e of examplesOf(adapter).filter((x) => x.expect)) {
      expect(
        patterns.some((p) => p.includes(e.url)),
        e.url,
      ).toBe(true);
    }
  });

  it('says where each URL rule was seen', () => {
    for (const rule of adapter.urlRules) expect(rule.seenOn.length).toBeGreaterThan(10);
  });

  describe('fixture dana-whitfield.html', () => {
    it('detects Dana Whitfield with provenance', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: { crm: 'copper', tenant: '412345', objectType: 'contact', recordId: '98765432' },
        url,
        adapterId: 'copper',
        fields: {
          name: dom('Dana Whitfield', 'h1'),
          email: dom('dana.whitfield@northwind-analytics.com', 'a[href^="mailto:"]'),
          company: dom('Northwind Analytics', 'a[href*="#/organization/"]'),
          phone: dom('+1 415 555 0134', 'a[href^="tel:"]'),
        },
      });
    });

    it('strips a mailto: query and decodes the address', () => {
      const { url, doc } = loadFixture(FIXTURE);
      doc
        .querySelector('main a[href^="mailto:"]')!
        .setAttribute('href', 'mailto:dana.whitfield%40northwind-analytics.com?subject=Hello');
      expect(detect(url, doc, [adapter])?.fields.email?.value).toBe(
        'dana.whitfield@northwind-analytics.com',
      );
    });

    it('follows hash navigation to the other person and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref).toEqual({
        crm: 'copper',
        tenant: '412345',
        objectType: 'contact',
        recordId: '98765433',
      });
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
