/**
 * The one protocol between content scripts, extension pages and the background: every message
 * has a name, a zod schema for its payload (checked by the receiver) and a typed result.
 * Senders use `send()` from ./client; the background registers handlers with `listen()`.
 */
import { z } from 'zod';
import { DetectedRecord, EpochMs, LeadContext } from '../model';

export const StoreStatus = z.object({
  seeded: z.boolean(),
  workspaceName: z.string().optional(),
  leads: z.number().int().nonnegative(),
  touches: z.number().int().nonnegative(),
  dataUpdatedAt: EpochMs.optional(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

const Empty = z.object({}).strict();

export const protocol = {
  /** Everything the sidebar shows for a detected record, in one call. */
  getLeadContext: { input: DetectedRecord, output: LeadContext },
  /** Injects the sidebar UI script into the sender's frame (once per page). */
  injectSidebarUi: { input: Empty, output: z.object({ injected: z.boolean() }) },
  /** What the local store holds. */
  getStoreStatus: { input: Empty, output: StoreStatus },
  /** Replaces the local workspace with a freshly generated demo workspace. */
  resetDemoWorkspace: { input: Empty, output: StoreStatus },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<N extends MessageName> = z.input<Protocol[N]['input']>;
export type MessageOutput<N extends MessageName> = z.infer<Protocol[N]['output']>;

/** What travels over `runtime.sendMessage`. */
export interface Envelope {
  tandem: 1;
  name: string;
  data: unknown;
}

export type ErrorCode = 'unknown_message' | 'invalid_input' | 'handler_failed' | 'no_response';

export type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export function isEnvelope(msg: unknown): msg is Envelope {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    (msg as Envelope).tandem === 1 &&
    typeof (msg as Envelope).name === 'string'
  );
}
