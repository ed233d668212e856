import { afterEach, describe, expect, it } from 'vitest';
import { espocrm as adapter } from '../../../lib/crm/adapters/espocrm';
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

const FIXTURE = 'espocrm/dana-whitfield.html';

const customHostsFor = (url: string) => assignedHostsFor(adapter, url);

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

describeAdapterBasics(adapter, {
  owns: ['acme.espocloud.com'],
  rejects: [
    'espocloud.com',
    'www.espocloud.com',
    'evil-espocloud.com',
    'espocloud.com.evil.net',
    'acme.espocloud.com.evil.net',
    'espocrm.com',
  ],
});

describe('EspoCRM adapter', () => {
  afterEach(unmountFixture);

  it('runs on a self-hosted install only when the user assigned the host to it', () => {
    const url = 'https://crm.example-corp.internal/#Lead/view/65a1f0c2b3d4e5f67';
    expect(matchUrl(url, [adapter])).toBeNull();
    expect(
      matchUrl(url, [adapter], [], new Map([['crm.example-corp.internal', 'suitecrm']])),
    ).toBeNull();
    expect(matchUrl(url, [adapter], [], customHostsFor(url))?.record.tenant).toBe(
      'crm.example-corp.internal',
    );
  });

  describe('fixture dana-whitfield.html', () => {
    it('detects Dana Whitfield with provenance', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: { crm: 'espocrm', tenant: 'acme', objectType: 'lead', recordId: '65a1f0c2b3d4e5f67' },
        url,
        adapterId: 'espocrm',
        fields: {
          name: dom('Dana Whitfield', '.detail .field[data-name="name"]'),
          email: dom(
            'dana.whitfield@northwind-analytics.com',
            '.detail .field[data-name="emailAddress"] [data-email-address]',
          ),
          company: dom('Northwind Analytics', '.detail .field[data-name="accountName"]'),
          title: dom('Sr. Dir., Demand Gen', '.detail .field[data-name="title"]'),
          phone: dom('+1 415 555 0134', '.detail .field[data-name="phoneNumber"] a[href^="tel:"]'),
        },
      });
    });

    it('falls back to the header title and the field text', () => {
      const { url, doc } = loadFixture(FIXTURE);
      doc.querySelector('.detail .field[data-name="name"]')!.remove();
      const email = doc.querySelector('.detail .field[data-name="emailAddress"]')!;
      email.textContent = 'dana.whitfield@northwind-analytics.com  d.whitfield@example.org';
      const fields = detect(url, doc, [adapter])!.fields;
      expect(fields.name).toEqual(dom('Dana Whitfield', '.page-header .header-title .title'));
      expect(fields.email).toEqual(
        dom('dana.whitfield@northwind-analytics.com', '.detail .field[data-name="emailAddress"]'),
      );
    });

    it('reads the same page on a user-assigned self-hosted install', () => {
      const { doc } = loadFixture(FIXTURE);
      const url = 'https://crm.example-corp.internal/espocrm/#Lead/view/65a1f0c2b3d4e5f67';
      const m = matchUrl(url, [adapter], [], customHostsFor(url));
      expect(m?.record).toEqual({
        objectType: 'lead',
        recordId: '65a1f0c2b3d4e5f67',
        tenant: 'crm.example-corp.internal',
      });
      expect(readFields(m!.adapter, doc).name?.value).toBe('Dana Whitfield');
    });

    it('follows hash navigation to the other lead and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref.recordId).toBe('65a1f0c2b3d4e5f6b');
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
