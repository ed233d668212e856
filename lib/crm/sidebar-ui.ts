import type { DetectedRecord, LeadContext } from '../model';
import { recordKey } from '../model/keys';

/** What the injected sidebar script hands the detector (same isolated world). */
export interface SidebarUi {
  /**
   * Mounts the sidebar for a record. `context` is its `getLeadContext` request when the caller
   * already started it (in parallel with injecting this script); without it the mount asks.
   */
  mount(
    detected: DetectedRecord,
    opts?: { context?: Promise<LeadContext> },
  ): { unmount(): void; toggle(): void };
}

export function installedSidebarUi(): SidebarUi | undefined {
  return (globalThis as { __tandemSidebar?: SidebarUi }).__tandemSidebar;
}

/**
 * The context to show for `detected`, given the request started from its URL alone while its
 * fields were awaited (`early`). That answer stands when it matched the lead linked to this
 * CRM record: identity resolution tries the record id before any field, and nothing else in a
 * context depends on the fields, so asking again with them would compute the same context. It
 * only gets the detected record (with its fields) in place of the URL-only one, and `reused`
 * is told (the background then learns the fields another way). Otherwise (no lead linked to the
 * record, or the request failed) the record is asked for with its fields.
 */
export function contextAfterPrefetch(
  detected: DetectedRecord,
  early: Promise<LeadContext>,
  ask: (detected: DetectedRecord) => Promise<LeadContext>,
  reused: (detected: DetectedRecord) => void = () => {},
): Promise<LeadContext> {
  return early.then(
    (ctx) => {
      if (
        ctx.status !== 'matched' ||
        ctx.match.rule !== 'crm_id' ||
        recordKey(ctx.detected.ref) !== recordKey(detected.ref)
      ) {
        return ask(detected);
      }
      reused(detected);
      return { ...ctx, detected };
    },
    () => ask(detected),
  );
}
