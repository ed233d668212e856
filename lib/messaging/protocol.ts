/**
 * The one protocol between content scripts, extension pages and the background: every message
 * has a name, a zod schema for its payload (checked by the receiver) and a typed result.
 * Senders use `send()` from ./client; the background registers handlers with `listen()`.
 */
import { z } from 'zod';
import {
  CustomCrm,
  CustomCrmId,
  DetectedField,
  DetectedRecord,
  EpochMs,
  IdentityFieldName,
  Id,
  LeadContext,
  LeadSummary,
  RecordRef,
} from '../model';

export const StoreStatus = z.object({
  seeded: z.boolean(),
  workspaceName: z.string().optional(),
  leads: z.number().int().nonnegative(),
  touches: z.number().int().nonnegative(),
  dataUpdatedAt: EpochMs.optional(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

const Empty = z.object({}).strict();

/** The CRM part of the settings, as the options page shows it. */
export const CrmSettings = z.object({
  disabledAdapters: z.array(z.string()),
  customCrms: z.array(
    z.object({
      crm: CustomCrm,
      /** The origin pattern the CRM runs on (the host permission). */
      origin: z.string(),
      /** Whether the host permission is (still) granted: the user can revoke it any time. */
      access: z.boolean(),
    }),
  ),
});
export type CrmSettings = z.infer<typeof CrmSettings>;

/** What "test on the open CRM tab" found, or why it could not look. */
export const CustomCrmTest = z.discriminatedUnion('status', [
  /** The host permission is missing: the options page must ask for it (a user gesture). */
  z.object({ status: z.literal('no_access'), origin: z.string() }),
  /** No open tab shows that origin. */
  z.object({ status: z.literal('no_tab'), origin: z.string() }),
  /** The page could not be scripted (an error page, a page the browser protects). */
  z.object({ status: z.literal('failed'), url: z.string(), message: z.string() }),
  z.object({
    status: z.literal('tested'),
    url: z.string(),
    record: RecordRef.omit({ crm: true }).nullable(),
    fields: z.partialRecord(IdentityFieldName, DetectedField),
    viewFound: z.boolean(),
    selectorErrors: z.partialRecord(IdentityFieldName, z.string()),
  }),
]);
export type CustomCrmTest = z.infer<typeof CustomCrmTest>;

export const protocol = {
  /** Everything the sidebar shows for a detected record, in one call. */
  getLeadContext: { input: DetectedRecord, output: LeadContext },
  /** Injects the sidebar UI script into the sender's frame (once per page). */
  injectSidebarUi: { input: Empty, output: z.object({ injected: z.boolean() }) },
  /** What the local store holds. */
  getStoreStatus: { input: Empty, output: StoreStatus },
  /** Leads whose email or name starts with the query (to link a record to marketing data). */
  searchLeads: {
    input: z.object({ query: z.string().trim().min(1).max(200) }),
    output: z.array(LeadSummary),
  },
  /** Links a CRM record to a lead (a wrong match corrected, or a record with no history). */
  linkRecord: {
    input: z.object({ leadKey: Id, ref: RecordRef }),
    output: z.object({ linked: z.boolean() }),
  },
  /** Replaces the local workspace with a freshly generated demo workspace. */
  resetDemoWorkspace: { input: Empty, output: StoreStatus },
  /** The kill switches and the CRMs the user added, with their permission state. */
  getCrmSettings: { input: Empty, output: CrmSettings },
  /** The kill switch of one built-in adapter. */
  setAdapterEnabled: {
    input: z.object({ adapterId: z.string().min(1).max(64), enabled: z.boolean() }).strict(),
    output: CrmSettings,
  },
  /**
   * Stores a CRM the user added and registers the content script on its origin. The sender
   * (the options page) has already obtained the host permission in the click handler.
   */
  addCustomCrm: { input: CustomCrm, output: CrmSettings },
  /** Unregisters, forgets and gives back the host permission of a CRM the user added. */
  removeCustomCrm: { input: z.object({ id: CustomCrmId }).strict(), output: CrmSettings },
  /** Runs a candidate CRM's rules in the open tab that shows its origin. */
  testCustomCrmOnTab: { input: CustomCrm, output: CustomCrmTest },
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
