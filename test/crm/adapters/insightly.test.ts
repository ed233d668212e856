import { afterEach, describe, expect, it } from 'vitest';
import { insightly as adapter } from '../../../lib/crm/adapters/insightly';
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

const FIXTURE = 'insightly/dana-whitfield.html';

const attr = (value: string, detail: string) => ({
  value,
  provenance: { source: 'dom', detail },
});

describeAdapterBasics(adapter, {
  owns: ['crm.na1.insightly.com', 'crm.eu1.insightly.com', 'crm.au1.insightly.com'],
  rejects: [
    'insightly.com',
    'www.insightly.com',
    'api.na1.insightly.com',
    'evil-insightly.com',
    'crm.na1.insightly.com.evil.net',
  ],
});

describe('Insightly adapter', () => {
  afterEach(unmountFixture);

  describe('fixture dana-whitfield.html', () => {
    it('detects Dana Whitfield, values from the rows’ title attributes', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: { crm: 'insightly', tenant: 'na1', objectType: 'lead', recordId: '78123456' },
        url,
        adapterId: 'insightly',
        fields: {
          name: attr('Dana Whitfield', 'h1'),
          // The visible text is truncated; the title attribute has the whole address.
          email: attr('dana.whitfield@northwind-analytics.com', '#metadata-row-viewer-EMAIL'),
          company: attr('Northwind Analytics', '#metadata-row-viewer-ORGANISATION_NAME'),
          title: attr('Sr. Dir., Demand Gen', '#metadata-row-viewer-TITLE'),
          phone: attr('+1 415 555 0134', '#metadata-row-viewer-PHONE'),
        },
      });
    });

    it('reads a contact’s EMAIL_ADDRESS row', () => {
      const { doc } = loadFixture(FIXTURE);
      doc.getElementById('metadata-row-viewer-EMAIL')!.id = 'metadata-row-viewer-EMAIL_ADDRESS';
      const rec = detect('https://crm.na1.insightly.com/details/Contact/312456789', doc, [adapter]);
      expect(rec?.ref.objectType).toBe('contact');
      expect(rec?.fields.email).toEqual(
        attr('dana.whitfield@northwind-analytics.com', '#metadata-row-viewer-EMAIL_ADDRESS'),
      );
    });

    it('falls back to document.title for the name', () => {
      const { url, doc } = loadFixture(FIXTURE);
      doc.querySelector('h1')!.remove();
      expect(detect(url, doc, [adapter])?.fields.name).toEqual({
        value: 'Dana Whitfield',
        provenance: { source: 'title', detail: 'title' },
      });
    });

    it('follows navigation to the next lead and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref.recordId).toBe('78123457');
      expect(rec?.fields.name?.value).toBe('Marcus Oyelaran');
      expect(rec?.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
      expect(rec?.fields.company?.value).toBe('Helix Biosystems');
      expect(rec?.fields.title?.value).toBe('VP Engineering');
      expect(rec?.fields.phone?.value).toBe('+44 20 7946 0321');
      history.back();
      await sleep(30);
      expect(detect(pageUrl(origin), document, [adapter])?.fields.name?.value).toBe(
        'Dana Whitfield',
      );
    });
  });
});
