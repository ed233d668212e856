import { z } from 'zod';

/** Epoch milliseconds (UTC). Every time in the model is one of these: cheap to index and compare. */
export const EpochMs = z.number().int().nonnegative().describe('Epoch milliseconds, UTC');
export type EpochMs = z.infer<typeof EpochMs>;

/** Short identifiers used for definitions (personas, campaigns, assets, rules). */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" and "-" only');
export type Id = z.infer<typeof Id>;

/** Only http(s) links are ever rendered or opened: anything else (javascript:, data:) is refused. */
export const HttpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http or https URL');
export type HttpUrl = z.infer<typeof HttpUrl>;

export const Email = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an email address');

export const ShortText = z.string().max(500);
export const LongText = z.string().max(5000);

/** Lower-cases and trims an email for lookups; the stored lead keeps what was imported. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
