import type { DetectedRecord } from '../model';

/** What the injected sidebar script hands the content script (same isolated world). */
export interface SidebarUi {
  mount(detected: DetectedRecord): { unmount(): void; toggle(): void };
}

export function installedSidebarUi(): SidebarUi | undefined {
  return (globalThis as { __tandemSidebar?: SidebarUi }).__tandemSidebar;
}
