import type { AdapterExample, CrmAdapter, CrmUrlAdapter, FieldProbe, UrlRecord } from '../types';
import { mailtoAddress, withDom } from './shared';

/**
 * Odoo CRM: Odoo Online (`{db}.odoo.com`, odoo.sh `{project}.dev.odoo.com`) and self-hosted
 * servers (any host the user adds). Leads and opportunities are both `crm.lead`; contacts are
 * `res.partner` (companies are partners too: the URL cannot tell them apart).
 */

/** `acme.odoo.com` -> `acme`; a self-hosted server -> its host name. */
function tenantOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.endsWith('.odoo.com') ? host.slice(0, -'.odoo.com'.length) : host;
}

const record = (model: string | null, id: string, url: URL): UrlRecord | null => {
  if (!/^\d{1,12}$/.test(id)) return null;
  const objectType = model === 'crm.lead' ? 'lead' : model === 'res.partner' ? 'contact' : null;
  return objectType ? { objectType, recordId: id, tenant: tenantOf(url) } : null;
};

/**
 * Odoo 17.2+ path segments naming the action or model of a record (`/odoo/{segment}/{id}`):
 * action paths (`crm`, `contacts`), dotted model names and `m-{model}` (all three forms are
 * accepted by Odoo's `/odoo` route).
 */
const PATH_MODELS: Readonly<Record<string, string>> = {
  crm: 'crm.lead',
  'crm.lead': 'crm.lead',
  'm-crm.lead': 'crm.lead',
  contacts: 'res.partner',
  'res.partner': 'res.partner',
  'm-res.partner': 'res.partner',
};

/**
 * A form field widget: forms are editable in place since Odoo 16, so the value is usually in an
 * input (or a textarea for `text` widgets); a read-only field shows it as text.
 */
const widgetAt = (selector: string): FieldProbe[] => [
  { selector: `${selector} :is(input, textarea)`, read: 'value' },
  { selector },
];
const widget = (name: string) => widgetAt(`.o_field_widget[name="${name}"]`);

/** Where it runs and which URLs are records: all that every page of this CRM loads. */
export const odooUrls: CrmUrlAdapter = {
  id: 'odoo',
  crm: 'odoo',
  label: 'Odoo CRM',
  selfHosted: true,
  matches: ['https://*.odoo.com/*'],
  // `www.odoo.com` is Odoo's own website, not a customer database.
  hostPattern: /^(?!www\.)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+odoo\.com$/i,
  urlRules: [
    {
      seenOn:
        'Odoo <= 17 form view: /web#id={id}&model=crm.lead&view_type=form (CRM-REFERENCE.md); ' +
        'the hash parameters come in any order, with action/menu_id/cids; model res.partner for ' +
        'contacts; an optional ?debug= query',
      pattern: /^\/web\/?(?:\?[^#]*)?#(.*)$/,
      toRecord: (m, url) => {
        const params = new URLSearchParams(m[1]!);
        const viewType = params.get('view_type');
        if (viewType && viewType !== 'form') return null;
        return record(params.get('model'), params.get('id') ?? '', url);
      },
    },
    {
      seenOn:
        'Odoo 17.2+ record: /odoo/crm/{id} and /odoo/contacts/{id} (CRM-REFERENCE.md); ' +
        '/odoo/{model}/{id} and /odoo/m-{model}/{id} (forms the /odoo route accepts). Records ' +
        'opened from another record stack up (/odoo/crm/42/res.partner/57): the last pair is ' +
        'the one shown (inferred)',
      pattern: /^\/odoo(?:\/[^/?#]+)*?\/([^/?#]+)\/(\d{1,12})\/?(?:[?#].*)?$/,
      toRecord: (m, url) => record(PATH_MODELS[m[1]!.toLowerCase()] ?? null, m[2]!, url),
    },
  ],
};

/** How to read a record on the page: loaded only once a record URL shows (the detector). */
export const odoo: CrmAdapter = withDom(odooUrls, () => ({
  // The active action is the last child of the action manager (earlier ones may stay in the
  // DOM); a form rendered outside an action manager is `.o_form_view`.
  activeView: [
    '.o_action_manager > .o_action:last-child',
    '.o_action_manager > .o_action',
    '.o_form_view',
  ],
  probes: {
    name: [
      // crm.lead: the contact's name (the record's own `name` is the opportunity's title).
      ...widget('contact_name'),
      // res.partner: `name` in the title block that also holds the person/company switch
      // (inferred from the partner form's layout).
      ...widgetAt('.o_field_widget[name="company_type"] ~ h1 .o_field_widget[name="name"]'),
    ],
    email: [
      { selector: '.o_field_widget[name="email_from"] input', read: 'value' },
      {
        selector: '.o_field_widget[name="email_from"] a[href^="mailto:"]',
        read: { attr: 'href' },
        clean: mailtoAddress,
      },
      // res.partner (inferred by analogy).
      { selector: '.o_field_widget[name="email"] input', read: 'value' },
      {
        selector: '.o_field_widget[name="email"] a[href^="mailto:"]',
        read: { attr: 'href' },
        clean: mailtoAddress,
      },
    ],
    // crm.lead `partner_name`; res.partner's company is its `parent_id` (inferred).
    company: [...widget('partner_name'), ...widget('parent_id')],
    title: widget('function'),
    phone: [
      { selector: '.o_field_widget[name="phone"] input', read: 'value' },
      { selector: '.o_field_widget[name="phone"] a[href^="tel:"]' },
      { selector: '.o_field_widget[name="mobile"] input', read: 'value' },
      { selector: '.o_field_widget[name="mobile"] a[href^="tel:"]' },
    ],
  },
}));

/** Example URLs and what they must give: run by the generated adapter tests, not shipped to CRM pages. */
export const examples: readonly AdapterExample[] = [
  {
    url: 'https://acme.odoo.com/web#id=42&cids=1&menu_id=131&action=191&model=crm.lead&view_type=form',
    expect: { objectType: 'lead', recordId: '42', tenant: 'acme' },
  },
  {
    url: 'https://acme.odoo.com/web?debug=1#model=crm.lead&view_type=form&action=191&id=42',
    expect: { objectType: 'lead', recordId: '42', tenant: 'acme' },
  },
  {
    url: 'https://acme.odoo.com/web#model=res.partner&id=57&view_type=form',
    expect: { objectType: 'contact', recordId: '57', tenant: 'acme' },
  },
  {
    url: 'https://acme.odoo.com/odoo/crm/42',
    expect: { objectType: 'lead', recordId: '42', tenant: 'acme' },
  },
  {
    url: 'https://acme.odoo.com/odoo/contacts/57?debug=1',
    expect: { objectType: 'contact', recordId: '57', tenant: 'acme' },
  },
  {
    url: 'https://acme.odoo.com/odoo/crm.lead/42',
    expect: { objectType: 'lead', recordId: '42', tenant: 'acme' },
  },
  {
    // The customer opened from a lead: the partner is the record shown.
    url: 'https://acme.odoo.com/odoo/crm/42/res.partner/57',
    expect: { objectType: 'contact', recordId: '57', tenant: 'acme' },
  },
  {
    url: 'https://acme-main-1234567.dev.odoo.com/odoo/crm/42',
    expect: { objectType: 'lead', recordId: '42', tenant: 'acme-main-1234567.dev' },
  },
  {
    // Self-hosted: a host the user assigned to this adapter.
    url: 'https://erp.example-corp.internal/odoo/crm/42',
    expect: { objectType: 'lead', recordId: '42', tenant: 'erp.example-corp.internal' },
  },
  {
    url: 'https://erp.example-corp.internal/web#id=57&model=res.partner&view_type=form',
    expect: { objectType: 'contact', recordId: '57', tenant: 'erp.example-corp.internal' },
  },
  { url: 'https://acme.odoo.com/web#action=191&model=crm.lead&view_type=kanban', expect: null },
  { url: 'https://acme.odoo.com/web#id=42&model=crm.lead&view_type=list', expect: null },
  { url: 'https://acme.odoo.com/web#id=&model=crm.lead&view_type=form', expect: null },
  { url: 'https://acme.odoo.com/web#id=12&model=sale.order&view_type=form', expect: null },
  { url: 'https://acme.odoo.com/odoo/crm', expect: null },
  { url: 'https://acme.odoo.com/odoo/crm/new', expect: null },
  { url: 'https://acme.odoo.com/odoo/sales/12', expect: null },
  { url: 'https://acme.odoo.com/odoo/crm/42/action-mail.mail_activity_action/7', expect: null },
];
