import { afterEach, describe, expect, it } from 'vitest';
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
  assignedHostsFor,
  describeAdapterBasics,
} from './fixture-page';

const FIXTURE = 'twenty/dana-whitfield.html';

const customHostsFor = (url: string) => assignedHostsFor(adapter, url);

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describeAdapterBasics(adapter, {
  owns: ['app.twenty.com', 'acme.twenty.com'],
  rejects: [
    'twenty.com',
    'www.twenty.com',
    'api.twenty.com',
    'evil-twenty.com',
    'twenty.com.evil.net',
    'app.twenty.com.evil.net',
  ],
});

describe('Twenty adapter', () => {
  afterEach(unmountFixture);

  it('runs on a self-hosted server only when the user assigned the host to it', () => {
    const url =
      'https://crm.example-corp.internal/object/person/3a9d7e51-2c4b-4f8e-b1a6-7e0d9c2f5b13';
    expect(matchUrl(url, [adapter])).toBeNull();
    expect(
      matchUrl(url, [adapter], [], new Map([['crm.example-corp.internal', 'odoo']])),
    ).toBeNull();
    expect(matchUrl(url, [adapter], [], customHostsFor(url))?.record.objectType).toBe('person');
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
