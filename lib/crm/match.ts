import type { CrmAdapter, CrmUrlAdapter, UrlRecord } from './types';

export interface UrlMatch<A extends CrmUrlAdapter = CrmAdapter> {
  adapter: A;
  record: UrlRecord;
}

/**
 * The cheap check every CRM page runs on each URL change: which adapter owns this host and
 * whether the URL is a lead/contact record. No DOM access, and no adapter registry of its own:
 * the bootstrap passes the adapters' URL halves (./adapters/urls.ts), the detector whole
 * adapters, so this file stays in the small bundle every CRM page loads.
 *
 * `customHosts` maps a hostname the user added (and granted) to the id of the adapter whose
 * rules apply there: a self-hosted SuiteCRM, Odoo or Dynamics on-premises.
 */
export function matchUrl<A extends CrmUrlAdapter>(
  href: string,
  adapters: readonly A[],
  disabled: readonly string[] = [],
  customHosts?: ReadonlyMap<string, string>,
): UrlMatch<A> | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const target = url.pathname + url.search + url.hash;
  const assigned = customHosts?.get(url.hostname.toLowerCase());
  for (const adapter of adapters) {
    if (disabled.includes(adapter.id)) continue;
    const owns = assigned
      ? assigned === adapter.id && adapter.selfHosted === true
      : adapter.hostPattern.test(url.hostname);
    if (!owns) continue;
    for (const rule of adapter.urlRules) {
      const m = rule.pattern.exec(target);
      if (!m) continue;
      const record = rule.toRecord(m, url);
      // The first matching rule decides, even when it says "not a lead/contact".
      return record ? { adapter, record } : null;
    }
  }
  return null;
}
