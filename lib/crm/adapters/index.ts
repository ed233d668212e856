import type { CrmAdapter } from '../types';
import { close } from './close';
import { copper } from './copper';
import { dynamics } from './dynamics';
import { espocrm } from './espocrm';
import { freshsales } from './freshsales';
import { hubspot } from './hubspot';
import { insightly } from './insightly';
import { odoo } from './odoo';
import { pipedrive } from './pipedrive';
import { salesforceClassic } from './salesforce-classic';
import { salesforceLightning } from './salesforce-lightning';
import { suitecrm } from './suitecrm';
import { twenty } from './twenty';
import { zoho } from './zoho';

/**
 * Every built-in adapter (both halves: URL rules and DOM probes), in the order of `ADAPTER_URLS`.
 * A meta-test checks ids are unique, the two lists agree and the manifest covers every host.
 */
export const ADAPTERS: readonly CrmAdapter[] = [
  salesforceLightning,
  salesforceClassic,
  hubspot,
  pipedrive,
  zoho,
  dynamics,
  close,
  freshsales,
  odoo,
  suitecrm,
  espocrm,
  twenty,
  insightly,
  copper,
];

export { ADAPTER_MATCHES, ADAPTER_URLS } from './urls';
