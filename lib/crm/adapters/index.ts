import type { CrmAdapter } from '../types';
import { salesforceLightning } from './salesforce-lightning';

/** Every built-in adapter. A meta-test checks ids are unique and the manifest covers every host. */
export const ADAPTERS: readonly CrmAdapter[] = [salesforceLightning];

/** The manifest's host permissions and content-script matches: exactly the adapters' hosts. */
export const ADAPTER_MATCHES: readonly string[] = [...new Set(ADAPTERS.flatMap((a) => a.matches))];
