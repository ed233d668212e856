/**
 * The sidebar UI (React). Not a content script of its own: the background injects it into a
 * frame only once that frame shows a CRM record, so CRM pages that are not records never pay
 * for React. It shares the detector's isolated world and hands it `mount()`.
 */
import { mountSidebar } from '../components/sidebar/mount';
import type { SidebarUi } from '../lib/crm/sidebar-ui';

export default defineUnlistedScript(() => {
  const ui: SidebarUi = { mount: (detected, opts) => mountSidebar(document, detected, opts) };
  (globalThis as { __tandemSidebar?: SidebarUi }).__tandemSidebar = ui;
});
