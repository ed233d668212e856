import { z } from 'zod';
import { Rep } from './events';

/** User settings kept in `browser.storage.local` (small, synchronous-feeling, survives updates). */
export const Settings = z.object({
  rep: Rep.optional(),
  /** Adapter ids the user switched off (kill switch per CRM). */
  disabledAdapters: z.array(z.string().max(64)).default([]),
  /** Sidebar collapsed / width, remembered per CRM. */
  sidebar: z
    .record(
      z.string().max(64),
      z.object({ collapsed: z.boolean(), width: z.number().int().min(240).max(720) }),
    )
    .default({}),
});
export type Settings = z.infer<typeof Settings>;
