import type { DetectedRecord, LeadContext } from '../model';

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
