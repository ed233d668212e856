import { examplesOf } from '../../../lib/crm/adapters/examples';
import { afterEach, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { close as adapter } from '../../../lib/crm/adapters/close';
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

const FIXTURE = 'close/dana-whitfield.html';

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describe('Close adapter', () => {
  afterEach(unmountFixture);

  describe('URL examples', () => {
    it.each(examplesOf(adapter).map((e) => [e.url, e.expect] as const))('%s', (url, expected) => {
      const m = matchUrl(url, [adapter]);
      expect(m?.record ?? null).toEqual(expected);
      if (m) expect(m.adapter).toBe(adapter);
    });

    it('has positives and negatives', () => {
      expect(examplesOf(adapter).filter((e) => e.expect).length).toBeGreaterThanOrEqual(3);
      expect(examplesOf(adapter).filter((e) => !e.expect).length).toBeGreaterThanOrEqual(3);
    });
  });

  it('matches exactly app.close.com', () => {
    expect(adapter.matches).toEqual(['https://app.close.com/*']);
    for (const host of ['app.close.com', 'APP.close.com']) {
      expect(adapter.hostPattern.test(host)).toBe(true);
    }
    for (const host of ['close.com', 'www.close.com', 'evil-close.com', 'app.close.com.evil.net']) {
      expect(adapter.hostPattern.test(host)).toBe(false);
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
    it('detects Dana Whitfield (lead Northwind Analytics) with provenance', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: {
          crm: 'close',
          tenant: 'app',
          objectType: 'lead',
          recordId: 'lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt',
        },
        url,
        adapterId: 'close',
        fields: {
          name: dom('Dana Whitfield', ':is(li, article):has(a[href^="mailto:"]) :is(h2, h3, h4)'),
          email: dom('dana.whitfield@northwind-analytics.com', 'a[href^="mailto:"]'),
          company: dom('Northwind Analytics', 'h1'),
          phone: dom('+1 415 555 0134', 'a[href^="tel:"]'),
        },
      });
    });

    it('follows in-app navigation to the other lead and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      expect(detect(pageUrl(origin), document, [adapter])?.fields.email?.value).toBe(
        'dana.whitfield@northwind-analytics.com',
      );
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref.recordId).toBe('lead_Hk2pQ9wX4rT1vN8bM3cZ7yL0sD5fG6jA2eU9iO1kWqP');
      expect(rec?.fields.name?.value).toBe('Marcus Oyelaran');
      expect(rec?.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
      expect(rec?.fields.company?.value).toBe('Helix Biosystems');
      expect(rec?.fields.phone?.value).toBe('+44 20 7946 0321');
      expect(document.title).toBe('Helix Biosystems | Close');
      history.back();
      await sleep(30);
      const back = detect(pageUrl(origin), document, [adapter]);
      expect(back?.ref.recordId).toBe('lead_4f9QxZ2bT7mW1kR8pN3sV6yH0cL5dJ2aE9uG7iB1oKt');
      expect(back?.fields.name?.value).toBe('Dana Whitfield');
    });

    it('falls back to document.title for the lead when there is no heading', () => {
      const { url, doc } = loadFixture(FIXTURE);
      doc.querySelector('main h1')!.remove();
      expect(detect(url, doc, [adapter])?.fields.company).toEqual({
        value: 'Northwind Analytics',
        provenance: { source: 'title', detail: 'title' },
      });
    });

    it('reads nothing from the template holding the other record', () => {
      const { url, doc } = loadFixture(FIXTURE);
      const values = Object.values(detect(url, doc, [adapter])!.fields).map((f) => f.value);
      expect(values.join(' ')).not.toMatch(/Marcus|Helix/);
    });
  });
});
