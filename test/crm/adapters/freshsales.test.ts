import { examplesOf } from '../../../lib/crm/adapters/examples';
import { afterEach, describe, expect, it } from 'vitest';
import { freshsales as adapter } from '../../../lib/crm/adapters/freshsales';
import { detect } from '../../../lib/crm/detect';
import { loadFixture } from '../fixtures';
import {
  mountFixture,
  navigate,
  pageUrl,
  runFixtureScripts,
  sleep,
  unmountFixture,
  describeAdapterBasics,
} from './fixture-page';

const FIXTURE = 'freshsales/dana-whitfield.html';

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describeAdapterBasics(adapter, {
  owns: ['acme.myfreshworks.com', 'acme-eu.freshsales.io'],
  rejects: [
    'myfreshworks.com',
    'www.myfreshworks.com',
    'evil-myfreshworks.com',
    'acme.myfreshworks.com.evil.net',
    'acme.freshsales.io.evil.net',
    'a.b.myfreshworks.com',
  ],
});

describe('Freshsales adapter', () => {
  afterEach(unmountFixture);

  it('has positive examples on both host families', () => {
    const positives = examplesOf(adapter)
      .filter((e) => e.expect)
      .map((e) => new URL(e.url).host);
    expect(positives.some((h) => h.endsWith('.myfreshworks.com'))).toBe(true);
    expect(positives.some((h) => h.endsWith('.freshsales.io'))).toBe(true);
  });

  describe('fixture dana-whitfield.html', () => {
    it('detects Dana Whitfield with provenance', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: { crm: 'freshsales', tenant: 'acme', objectType: 'contact', recordId: '16000123456' },
        url,
        adapterId: 'freshsales',
        fields: {
          name: dom('Dana Whitfield', 'h1'),
          email: dom('dana.whitfield@northwind-analytics.com', 'a[href^="mailto:"]'),
          company: dom(
            'Northwind Analytics',
            'a[href*="/crm/sales/accounts/"]:not([href*="/accounts/view/"])',
          ),
          phone: dom('+1 415 555 0134', 'a[href^="tel:"]'),
        },
      });
    });

    it('falls back to document.title for the name when there is no heading', () => {
      const { url, doc } = loadFixture(FIXTURE);
      doc.querySelector('main h1')!.remove();
      expect(detect(url, doc, [adapter])?.fields.name).toEqual({
        value: 'Dana Whitfield',
        provenance: { source: 'title', detail: 'title' },
      });
    });

    it('follows in-app navigation to the other contact and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref).toEqual({
        crm: 'freshsales',
        tenant: 'acme',
        objectType: 'contact',
        recordId: '16000123457',
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
