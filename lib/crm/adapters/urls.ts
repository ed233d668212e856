/**
 * The URL half of every built-in adapter, in the same order as `ADAPTERS` (./index.ts): all that
 * the bootstrap content script on every page of a supported CRM carries. Importing this file
 * keeps the adapters' DOM probes out of that bundle.
 */
import type { CrmUrlAdapter } from '../types';
import { closeUrls } from './close';
import { copperUrls } from './copper';
import { dynamicsUrls } from './dynamics';
import { espocrmUrls } from './espocrm';
import { freshsalesUrls } from './freshsales';
import { hubspotUrls } from './hubspot';
import { insightlyUrls } from './insightly';
import { odooUrls } from './odoo';
import { pipedriveUrls } from './pipedrive';
import { salesforceClassicUrls } from './salesforce-classic';
import { salesforceLightningUrls } from './salesforce-lightning';
import { suitecrmUrls } from './suitecrm';
import { twentyUrls } from './twenty';
import { zohoUrls } from './zoho';

/** Order matters where hosts overlap (Lightning before Classic on `*.my.salesforce.com`). */
export const ADAPTER_URLS: readonly CrmUrlAdapter[] = [
  salesforceLightningUrls,
  salesforceClassicUrls,
  hubspotUrls,
  pipedriveUrls,
  zohoUrls,
  dynamicsUrls,
  closeUrls,
  freshsalesUrls,
  odooUrls,
  suitecrmUrls,
  espocrmUrls,
  twentyUrls,
  insightlyUrls,
  copperUrls,
];

/** The manifest's host permissions and content-script matches: exactly the adapters' hosts. */
export const ADAPTER_MATCHES: readonly string[] = [
  ...new Set(ADAPTER_URLS.flatMap((a) => a.matches)),
];
