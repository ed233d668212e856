import { afterEach, describe, expect, it } from 'vitest';
import { close as adapter } from '../../../lib/crm/adapters/close';
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

const FIXTURE = 'close/dana-whitfield.html';

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describeAdapterBasics(adapter, {
  owns: ['app.close.com'],
  rejects: ['close.com', 'www.close.com', 'evil-close.com', 'app.close.com.evil.net'],
});

describe('Close adapter', () => {
  afterEach(unmountFixture);

  it('matches exactly app.close.com, in any case', () => {
    expect(adapter.matches).toEqual(['https://app.close.com/*']);
    expect(adapter.hostPattern.test('APP.close.com')).toBe(true);
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
