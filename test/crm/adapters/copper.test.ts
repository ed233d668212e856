import { afterEach, describe, expect, it } from 'vitest';
import { copper as adapter } from '../../../lib/crm/adapters/copper';
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

const FIXTURE = 'copper/dana-whitfield.html';

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describeAdapterBasics(adapter, {
  owns: ['app.copper.com'],
  rejects: ['copper.com', 'www.copper.com', 'evil-copper.com', 'app.copper.com.evil.net'],
});

describe('Copper adapter', () => {
  afterEach(unmountFixture);

  it('owns app.copper.com only', () => {
    expect(adapter.matches).toEqual(['https://app.copper.com/*']);
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
