/**
 * Every adapter's example URLs, by adapter id. Test-side only: the bootstrap content script
 * (./urls.ts) and the detector (./index.ts) do not reference these, so they never ship to CRM
 * pages.
 */
import type { AdapterExample, CrmAdapter } from '../types';
import { examples as closeExamples, close } from './close';
import { examples as copperExamples, copper } from './copper';
import { examples as dynamicsExamples, dynamics } from './dynamics';
import { examples as espocrmExamples, espocrm } from './espocrm';
import { examples as freshsalesExamples, freshsales } from './freshsales';
import { examples as hubspotExamples, hubspot } from './hubspot';
import { examples as insightlyExamples, insightly } from './insightly';
import { examples as odooExamples, odoo } from './odoo';
import { examples as pipedriveExamples, pipedrive } from './pipedrive';
import { examples as salesforceClassicExamples, salesforceClassic } from './salesforce-classic';
import {
  examples as salesforceLightningExamples,
  salesforceLightning,
} from './salesforce-lightning';
import { examples as suitecrmExamples, suitecrm } from './suitecrm';
import { examples as twentyExamples, twenty } from './twenty';
import { examples as zohoExamples, zoho } from './zoho';

export const ADAPTER_EXAMPLES: Readonly<Record<string, readonly AdapterExample[]>> = {
  [close.id]: closeExamples,
  [copper.id]: copperExamples,
  [dynamics.id]: dynamicsExamples,
  [espocrm.id]: espocrmExamples,
  [freshsales.id]: freshsalesExamples,
  [hubspot.id]: hubspotExamples,
  [insightly.id]: insightlyExamples,
  [odoo.id]: odooExamples,
  [pipedrive.id]: pipedriveExamples,
  [salesforceClassic.id]: salesforceClassicExamples,
  [salesforceLightning.id]: salesforceLightningExamples,
  [suitecrm.id]: suitecrmExamples,
  [twenty.id]: twentyExamples,
  [zoho.id]: zohoExamples,
};

export function examplesOf(adapter: CrmAdapter): readonly AdapterExample[] {
  return ADAPTER_EXAMPLES[adapter.id] ?? [];
}
