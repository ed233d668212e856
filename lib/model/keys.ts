/**
 * Key functions with no schema attached, so that code shipped to every CRM page (the content
 * script) can use them without carrying zod.
 */

/** One key per CRM record, used as an IndexedDB index value. */
export function recordKey(ref: { crm: string; tenant: string; recordId: string }): string {
  return `${ref.crm}|${ref.tenant.toLowerCase()}|${ref.recordId}`;
}
