/** The hub's settings, from the environment, checked at start. */
import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  HUB_DATA_DIR: z.string().min(1).default('.hub-data'),
  HUB_HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HUB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Lead-context statements in flight at once (lookups arriving meanwhile are gathered into the
   * next one); unset: the pool's size. About the database's cores gathers the most per statement.
   */
  HUB_LOOKUP_STATEMENTS: z.coerce.number().int().min(1).max(200).optional(),
  HUB_RATE_PER_S: z.coerce.number().positive().default(50),
  HUB_RATE_BURST: z.coerce.number().int().positive().default(200),
  HUB_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});
export type HubConfig = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = Env.safeParse(vars);
  if (!r.success) {
    throw new Error(
      'invalid hub settings: ' +
        r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return r.data;
}
