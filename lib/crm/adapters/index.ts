import type { CrmAdapter } from '../types';
import { close } from './close';
import { copper } from './copper';
import { espocrm } from './espocrm';
import { freshsales } from './freshsales';
import { insightly } from './insightly';
import { odoo } from './odoo';
import { salesforceLightning } from './salesforce-lightning';
import { suitecrm } from './suitecrm';
import { twenty } from './twenty';

/** Every built-in adapter. A meta-test checks ids are unique and the manifest covers every host. */
export const ADAPTERS: readonly CrmAdapter[] = [
  salesforceLightning,
  close,
  freshsales,
  odoo,
  suitecrm,
  espocrm,
  twenty,
  insightly,
  copper,
];

/** The manifest's host permissions and content-script matches: exactly the adapters' hosts. */
export const ADAPTER_MATCHES: readonly string[] = [...new Set(ADAPTERS.flatMap((a) => a.matches))];
