import type { CrmAdapter } from '../../lib/crm/types';

/** A built-in CRM as the options page lists it. */
export interface BuiltInCrm {
  id: string;
  label: string;
  /** Host patterns it runs on (`*.odoo.com`); empty for CRMs that are only self-hosted. */
  hosts: readonly string[];
  /** Its rules can be used on a host the user adds. */
  selfHosted: boolean;
}

/** `https://*.odoo.com/*` -> `*.odoo.com`. */
export function builtInCrms(adapters: readonly CrmAdapter[]): BuiltInCrm[] {
  return adapters.map((a) => ({
    id: a.id,
    label: a.label,
    hosts: [...new Set(a.matches.map((m) => m.replace(/^[a-z*]+:\/\//, '').replace(/\/.*$/, '')))],
    selfHosted: a.selfHosted === true,
  }));
}
