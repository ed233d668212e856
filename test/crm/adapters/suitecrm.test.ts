import { examplesOf } from '../../../lib/crm/adapters/examples';
import { afterEach, describe, expect, it } from 'vitest';
import { suitecrm as adapter } from '../../../lib/crm/adapters/suitecrm';
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

const FIXTURE = 'suitecrm/dana-whitfield.html';

/** SuiteCRM has no cloud host: every example runs on a host the user assigned to it. */
function customHostsFor(url: string): ReadonlyMap<string, string> {
  return new Map([[new URL(url).hostname.toLowerCase(), adapter.id]]);
}

/**
 * `detect()` for a page on a user-assigned host: the URL match with `customHosts`, then the
 * fields (detect() itself has no customHosts parameter yet).
 */
function detectAssigned(url: string, doc: Document) {
  const m = matchUrl(url, [adapter], [], customHostsFor(url));
  return m && { record: m.record, fields: readFields(m.adapter, doc) };
}

const dom = (value: string, detail: string) => ({ value, provenance: { source: 'dom', detail } });

// No host of its own: every example is on a host the user assigned to it.
describeAdapterBasics(adapter, { owns: [], rejects: ['suitecrm.com', 'demo.suiteondemand.com'] });

describe('SuiteCRM adapter', () => {
  afterEach(unmountFixture);

  it('has positive examples for SuiteCRM 8 and 7', () => {
    const positives = examplesOf(adapter)
      .filter((e) => e.expect)
      .map((e) => e.url);
    expect(positives.some((u) => u.includes('#/'))).toBe(true);
    expect(positives.some((u) => u.includes('index.php?'))).toBe(true);
  });

  describe('hosts', () => {
    it('is self-hosted only: no match patterns, a host pattern that matches nothing', () => {
      expect(adapter.selfHosted).toBe(true);
      expect(adapter.matches).toEqual([]);
      for (const host of [
        'crm.example-corp.internal',
        'suitecrm.com',
        'demo.suiteondemand.com',
        'localhost',
      ]) {
        expect(adapter.hostPattern.test(host), host).toBe(false);
      }
    });

    it('claims no URL on a host nobody assigned to it', () => {
      for (const e of examplesOf(adapter)) expect(matchUrl(e.url, [adapter])).toBeNull();
      const elsewhere = new Map([['crm.example-corp.internal', 'espocrm']]);
      expect(matchUrl(examplesOf(adapter)[0]!.url, [adapter], [], elsewhere)).toBeNull();
      expect(
        matchUrl(
          examplesOf(adapter)[0]!.url,
          [adapter],
          ['suitecrm'],
          customHostsFor(examplesOf(adapter)[0]!.url),
        ),
      ).toBeNull();
    });
  });

  describe('fixture dana-whitfield.html (SuiteCRM 8 record view)', () => {
    it('detects Dana Whitfield with provenance on the assigned host', () => {
      const { url, doc } = loadFixture(FIXTURE);
      expect(detectAssigned(url, doc)).toEqual({
        record: {
          objectType: 'lead',
          recordId: '7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11',
          tenant: 'crm.example-corp.internal',
        },
        fields: {
          name: dom('Dana Whitfield', 'scrm-record-header :is(h1, h2)'),
          email: dom('dana.whitfield@northwind-analytics.com', 'a[href^="mailto:"]'),
          phone: dom('+1 415 555 0134', 'a[href^="tel:"]'),
        },
      });
      // Without the assignment, the page is not SuiteCRM's.
      expect(detect(url, doc, [adapter])).toBeNull();
    });

    it('follows hash navigation to the other lead and back', async () => {
      const { origin } = mountFixture(FIXTURE);
      runFixtureScripts();
      const fixtureHost = 'crm.example-corp.internal';
      const here = () => pageUrl(origin).replace(/^[a-z]+:\/\/[^/]+/, `https://${fixtureHost}`);
      await navigate();
      const rec = detectAssigned(here(), document);
      expect(rec?.record.recordId).toBe('7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a12');
      expect(rec?.fields.name?.value).toBe('Marcus Oyelaran');
      expect(rec?.fields.email?.value).toBe('marcus.oyelaran@helixbio.io');
      expect(rec?.fields.phone?.value).toBe('+44 20 7946 0321');
      history.back();
      await sleep(30);
      expect(detectAssigned(here(), document)?.fields.name?.value).toBe('Dana Whitfield');
    });
  });

  it('reads a SuiteCRM 7 detail view (field cells, module title)', () => {
    const doc = new DOMParser().parseFromString(
      `<!doctype html><html><head><title>SuiteCRM</title></head><body>
      <div id="content">
        <div class="moduleTitle"><h2 class="module-title-text">Dana Whitfield</h2></div>
        <div class="detail-view">
          <div class="detail-view-row-item"><div class="label">Title:</div>
            <div class="detail-view-field" type="varchar" field="title">Sr. Dir., Demand Gen</div></div>
          <div class="detail-view-row-item"><div class="label">Account Name:</div>
            <div class="detail-view-field" type="varchar" field="account_name">Northwind Analytics</div></div>
          <div class="detail-view-row-item"><div class="label">Office Phone:</div>
            <div class="detail-view-field" type="phone" field="phone_work">+1 415 555 0134</div></div>
          <div class="detail-view-row-item"><div class="label">Email Address:</div>
            <div class="detail-view-field" type="email" field="email1">
              <a href="javascript:void(0)" data-email-address="dana.whitfield@northwind-analytics.com"
                >dana.whitfield@northwind-analytics.com</a> (Primary)
            </div></div>
        </div>
      </div></body></html>`,
      'text/html',
    );
    const url =
      'https://crm.example-corp.internal/index.php?module=Leads&action=DetailView&record=7d0c3c2e-5a41-4b1e-9f3a-2b8e6c1d0a11';
    expect(detectAssigned(url, doc)?.fields).toEqual({
      name: dom('Dana Whitfield', '.moduleTitle h2'),
      email: dom('dana.whitfield@northwind-analytics.com', '.detail-view-field[field="email1"]'),
      company: dom('Northwind Analytics', '.detail-view-field[field="account_name"]'),
      title: dom('Sr. Dir., Demand Gen', '.detail-view-field[field="title"]'),
      phone: dom('+1 415 555 0134', '.detail-view-field[field="phone_work"]'),
    });
  });
});
