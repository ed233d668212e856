import { afterEach, describe, expect, it } from 'vitest';
import { odoo as adapter } from '../../../lib/crm/adapters/odoo';
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
  describeAdapterBasics,
} from './fixture-page';

const LEAD = 'odoo/dana-whitfield-lead.html';
const CONTACT = 'odoo/marcus-oyelaran-contact.html';

const input = (value: string, detail: string) => ({
  value,
  provenance: { source: 'input', detail },
});

describeAdapterBasics(adapter, {
  owns: ['acme.odoo.com', 'acme-main-1234567.dev.odoo.com'],
  rejects: [
    'odoo.com',
    'www.odoo.com',
    'evil-odoo.com',
    'odoo.com.evil.net',
    'acme.odoo.com.evil.net',
    'acme.odoo.community',
  ],
});

describe('Odoo adapter', () => {
  afterEach(unmountFixture);

  it('owns its hosts in any case, and claims no URL on a look-alike', () => {
    expect(adapter.hostPattern.test('ACME.odoo.com')).toBe(true);
    expect(matchUrl('https://evil-odoo.com/odoo/crm/42', [adapter])).toBeNull();
    expect(matchUrl('https://odoo.com.evil.net/odoo/crm/42', [adapter])).toBeNull();
  });

  it('runs on a self-hosted server only when the user assigned the host to it', () => {
    const url = 'https://erp.example-corp.internal/odoo/crm/42';
    expect(matchUrl(url, [adapter])).toBeNull();
    const other = new Map([['erp.example-corp.internal', 'espocrm']]);
    expect(matchUrl(url, [adapter], [], other)).toBeNull();
    const mine = new Map([['erp.example-corp.internal', 'odoo']]);
    expect(matchUrl(url, [adapter], [], mine)?.record).toEqual({
      objectType: 'lead',
      recordId: '42',
      tenant: 'erp.example-corp.internal',
    });
    expect(matchUrl(url, [adapter], ['odoo'], mine)).toBeNull();
  });

  describe('fixture dana-whitfield-lead.html (Odoo 17, crm.lead, hash URL)', () => {
    it('detects Dana Whitfield with provenance', () => {
      const { url, doc } = loadFixture(LEAD);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: { crm: 'odoo', tenant: 'acme', objectType: 'lead', recordId: '42' },
        url,
        adapterId: 'odoo',
        fields: {
          name: input(
            'Dana Whitfield',
            '.o_field_widget[name="contact_name"] :is(input, textarea)',
          ),
          email: input(
            'dana.whitfield@northwind-analytics.com',
            '.o_field_widget[name="email_from"] input',
          ),
          company: input(
            'Northwind Analytics',
            '.o_field_widget[name="partner_name"] :is(input, textarea)',
          ),
          title: input(
            'Sr. Dir., Demand Gen',
            '.o_field_widget[name="function"] :is(input, textarea)',
          ),
          phone: input('+1 415 555 0134', '.o_field_widget[name="phone"] input'),
        },
      });
    });

    it('reads read-only fields (text and mailto: links) when there are no inputs', () => {
      const { url, doc } = loadFixture(LEAD);
      const email = doc.querySelector('.o_field_widget[name="email_from"]')!;
      const link = doc.createElement('a');
      link.href = 'mailto:dana.whitfield@northwind-analytics.com';
      link.textContent = 'dana.whitfield@northwind-analytics.com';
      email.replaceChildren(link);
      const title = doc.querySelector('.o_field_widget[name="function"]')!;
      const span = doc.createElement('span');
      span.textContent = 'Sr. Dir., Demand Gen';
      title.replaceChildren(span);
      const fields = detect(url, doc, [adapter])!.fields;
      expect(fields.email).toEqual({
        value: 'dana.whitfield@northwind-analytics.com',
        provenance: {
          source: 'dom',
          detail: '.o_field_widget[name="email_from"] a[href^="mailto:"]',
        },
      });
      expect(fields.title).toEqual({
        value: 'Sr. Dir., Demand Gen',
        provenance: { source: 'dom', detail: '.o_field_widget[name="function"]' },
      });
    });

    it('reads only the active (last) action, not an earlier one still in the DOM', () => {
      const { url, doc } = loadFixture(LEAD);
      const manager = doc.querySelector('.o_action_manager')!;
      const stale = doc.createElement('div');
      stale.className = 'o_action o_view_controller o_form_view';
      const other = doc.querySelector<HTMLTemplateElement>('template[data-fixture-other]')!;
      stale.append(doc.importNode(other.content, true));
      manager.prepend(stale);
      const fields = detect(url, doc, [adapter])!.fields;
      expect(fields.name?.value).toBe('Dana Whitfield');
      expect(fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
    });

    it('follows the pager (hash navigation) to the next lead and back', async () => {
      const { origin } = mountFixture(LEAD);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref).toEqual({ crm: 'odoo', tenant: 'acme', objectType: 'lead', recordId: '43' });
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

  describe('fixture marcus-oyelaran-contact.html (Odoo 18, res.partner, /odoo/contacts)', () => {
    it('detects Marcus Oyelaran with provenance', () => {
      const { url, doc } = loadFixture(CONTACT);
      expect(detect(url, doc, [adapter])).toEqual({
        ref: { crm: 'odoo', tenant: 'acme', objectType: 'contact', recordId: '57' },
        url,
        adapterId: 'odoo',
        fields: {
          name: input(
            'Marcus Oyelaran',
            '.o_field_widget[name="company_type"] ~ h1 .o_field_widget[name="name"] :is(input, textarea)',
          ),
          email: input('marcus.oyelaran@helixbio.io', '.o_field_widget[name="email"] input'),
          company: input(
            'Helix Biosystems',
            '.o_field_widget[name="parent_id"] :is(input, textarea)',
          ),
          title: input('VP Engineering', '.o_field_widget[name="function"] :is(input, textarea)'),
          phone: input('+44 20 7946 0321', '.o_field_widget[name="phone"] input'),
        },
      });
    });

    it('detects the same page on a user-assigned self-hosted server', () => {
      const { doc } = loadFixture(CONTACT);
      const url = 'https://erp.example-corp.internal/odoo/contacts/57';
      const hosts = new Map([['erp.example-corp.internal', 'odoo']]);
      const m = matchUrl(url, [adapter], [], hosts);
      expect(m?.record).toEqual({
        objectType: 'contact',
        recordId: '57',
        tenant: 'erp.example-corp.internal',
      });
      expect(readFields(m!.adapter, doc).email?.value).toBe('marcus.oyelaran@helixbio.io');
    });

    it('follows the pager (pushState) to the next contact and back', async () => {
      const { origin } = mountFixture(CONTACT);
      runFixtureScripts();
      await navigate();
      const rec = detect(pageUrl(origin), document, [adapter]);
      expect(rec?.ref).toEqual({
        crm: 'odoo',
        tenant: 'acme',
        objectType: 'contact',
        recordId: '56',
      });
      expect(rec?.fields.name?.value).toBe('Dana Whitfield');
      expect(rec?.fields.email?.value).toBe('dana.whitfield@northwind-analytics.com');
      expect(rec?.fields.company?.value).toBe('Northwind Analytics');
      expect(rec?.fields.title?.value).toBe('Sr. Dir., Demand Gen');
      expect(rec?.fields.phone?.value).toBe('+1 415 555 0134');
      history.back();
      await sleep(30);
      expect(detect(pageUrl(origin), document, [adapter])?.fields.name?.value).toBe(
        'Marcus Oyelaran',
      );
    });
  });
});
