import { z } from 'zod';
import { EpochMs } from './common';
import { IdentityFieldName } from './crm';
import { Rep } from './events';

/**
 * Problems a CRM the user adds can have. Each code is also the key of its message in
 * `public/_locales/<lang>/messages.json` (a test checks they exist), so this file stays free of
 * i18n and of the DOM: the background, the options page and the hub all parse with it.
 * `lib/crm/custom-validate.ts` turns issues into sentences such as
 * "record URL pattern: unterminated group".
 */
export type CustomCrmIssueCode =
  | 'crmErrHostEmpty'
  | 'crmErrHostUrl'
  | 'crmErrHostEverySite'
  | 'crmErrHostEverySiteUnder'
  | 'crmErrHostWildcard'
  | 'crmErrHostIpRange'
  | 'crmErrHostIpv6'
  | 'crmErrHostIp'
  | 'crmErrHostInvalid'
  | 'crmErrHostPort'
  | 'crmErrHostDefaultPort'
  | 'crmErrHostPublicSuffix'
  | 'crmErrLabelEmpty'
  | 'crmErrPatternEmpty'
  | 'crmErrPatternSyntax'
  | 'crmErrPatternNoGroup'
  | 'crmErrPatternManyGroups'
  | 'crmErrPatternEverything'
  | 'crmErrSelectorsNone';

export interface CustomCrmProblem {
  code: CustomCrmIssueCode;
  /** `$1`, `$2` ... of the message. */
  subs: string[];
}

const problem = (code: CustomCrmIssueCode, ...subs: string[]): CustomCrmProblem => ({ code, subs });

/**
 * Built-in adapters whose rules may be used on a host the user adds (self-hosted installs).
 * A test checks this is exactly the registry's `selfHosted` adapters.
 */
export const SelfHostedAdapterId = z.enum(['odoo', 'suitecrm', 'espocrm', 'twenty', 'dynamics']);
export type SelfHostedAdapterId = z.infer<typeof SelfHostedAdapterId>;

/**
 * Public suffixes a user might type alone (`com`, `co.uk`, `github.io`). Not the whole Public
 * Suffix List: a bare suffix grants no wildcard (we never accept `*`), it is only never a CRM,
 * so a short list of the likely ones, every two-letter country code and the `co.uk` shapes is
 * enough to give a useful message instead of a permission prompt for a host that does not exist.
 */
const GENERIC_TLDS = new Set(
  (
    'com net org edu gov mil int info biz name pro mobi asia io co ai app dev cloud online site ' +
    'tech xyz store shop blog page web live world one top club email digital agency business ' +
    'company solutions systems network services group global'
  ).split(' '),
);
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gob|ltd|plc|nom|mil|int)\.[a-z]{2}$/;
const HOSTING_SUFFIXES = new Set([
  'github.io',
  'gitlab.io',
  'herokuapp.com',
  'azurewebsites.net',
  'cloudapp.net',
  'cloudapp.azure.com',
  'appspot.com',
  'web.app',
  'firebaseapp.com',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'amazonaws.com',
  'cloudfront.net',
  'blogspot.com',
  'onrender.com',
  'fly.dev',
]);

export function isPublicSuffix(hostname: string): boolean {
  const labels = hostname.split('.');
  if (labels.length === 1) return GENERIC_TLDS.has(hostname) || /^[a-z]{2}$/.test(hostname);
  return SECOND_LEVEL.test(hostname) || HOSTING_SUFFIXES.has(hostname);
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4_SHAPE = /^\d+(?:\.\d+){0,3}$/;
const DEFAULT_PORT = { https: '443', http: '80' } as const;

/**
 * Checks a host as the user must enter it: a lower-case host name or IPv4 address with an
 * optional port, nothing else. Wildcards (`*.crm.example.com` too) are refused on purpose: one
 * permission prompt names one host, and `customHosts` is keyed by exact host name. Single-label
 * intranet hosts (`crmserver`, common for Dynamics on-premises) are accepted.
 */
export function hostProblem(host: string, protocol?: 'https' | 'http'): CustomCrmProblem | null {
  if (!host) return problem('crmErrHostEmpty');
  if (host === '*' || host === '*.*' || /^\*(?::\d*)?$/.test(host)) {
    return problem('crmErrHostEverySite', host);
  }
  if (/^\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}$/.test(host) || /^[\d.*]+\*[\d.*]*$/.test(host)) {
    return problem('crmErrHostIpRange', host);
  }
  if (host.includes('*')) {
    const rest = host.replace(/^\*\./, '').replace(/:\d+$/, '');
    if (host.startsWith('*.') && !rest.includes('*') && isPublicSuffix(rest)) {
      return problem('crmErrHostEverySiteUnder', host, rest);
    }
    return problem('crmErrHostWildcard', host);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) || /[/?#@\\\s]/.test(host)) {
    return problem('crmErrHostUrl', hostFromUrlish(host) ?? 'crm.example.com');
  }
  if (host.startsWith('[') || (host.match(/:/g)?.length ?? 0) > 1) return problem('crmErrHostIpv6');
  const m = /^([^:]*)(?::(.*))?$/.exec(host)!;
  const hostname = m[1]!;
  const port = m[2];
  if (port !== undefined) {
    const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(n >= 1 && n <= 65535) || port.startsWith('0')) return problem('crmErrHostPort', port);
    if (protocol && DEFAULT_PORT[protocol] === port) {
      return problem('crmErrHostDefaultPort', port, protocol);
    }
  }
  if (IPV4_SHAPE.test(hostname)) {
    const parts = hostname.split('.');
    const ok = parts.length === 4 && parts.every((p) => Number(p) <= 255 && !/^0\d/.test(p));
    return ok && hostname !== '0.0.0.0' ? null : problem('crmErrHostIp', hostname);
  }
  const labels = hostname.split('.');
  if (
    hostname.length > 253 ||
    hostname !== hostname.toLowerCase() ||
    !labels.every((l) => LABEL.test(l))
  ) {
    return problem('crmErrHostInvalid', hostname);
  }
  // A top-level domain is never all digits (and the URL parser would read it as an address).
  if (/^\d+$/.test(labels[labels.length - 1]!)) return problem('crmErrHostInvalid', hostname);
  if (isPublicSuffix(hostname)) return problem('crmErrHostPublicSuffix', hostname);
  return null;
}

/** `https://crm.example.com/index.php` -> `crm.example.com`, for the "host only" message. */
function hostFromUrlish(text: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.host && !url.host.includes('*') ? url.host : null;
  } catch {
    return null;
  }
}

/** The syntax error a regular expression has, in the engine's words, or null. */
export function regexSyntaxError(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (e) {
    // V8: "Invalid regular expression: /(a/: Unterminated group" -> "unterminated group".
    const msg = e instanceof Error ? e.message : String(e);
    const tail = msg.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    return tail.charAt(0).toLowerCase() + tail.slice(1);
  }
}

/** Capture groups of a valid regular expression: how many, and whether one is named `id`. */
export function captureGroups(source: string): { count: number; namedId: boolean } {
  // Adding an empty alternative makes the expression match '' so exec reports every group.
  const m = new RegExp(`(?:${source})|`).exec('')!;
  return { count: m.length - 1, namedId: Object.hasOwn(m.groups ?? {}, 'id') };
}

/** Paths that are no record page on any CRM: a pattern matching all of them matches anything. */
const NOT_RECORDS = [
  '/',
  '/login',
  '/settings/profile?tab=2',
  '/#/home',
  '/index.php?action=Login',
];

/**
 * Checks a record-URL pattern: a JavaScript regular expression (no surrounding slashes, no
 * flags) tested against `pathname + search + hash`, with exactly one capture group or a named
 * group `id` around the record id.
 */
export function patternProblem(source: string): CustomCrmProblem | null {
  if (!source) return problem('crmErrPatternEmpty');
  const syntax = regexSyntaxError(source);
  if (syntax) return problem('crmErrPatternSyntax', syntax);
  const groups = captureGroups(source);
  if (!groups.namedId) {
    if (groups.count === 0) return problem('crmErrPatternNoGroup');
    if (groups.count > 1) return problem('crmErrPatternManyGroups', String(groups.count));
  }
  const re = new RegExp(source);
  const idOf = (m: RegExpExecArray | null) => (m ? (m.groups?.id ?? m[1] ?? '') : '');
  if (NOT_RECORDS.every((p) => idOf(re.exec(p)) !== '')) return problem('crmErrPatternEverything');
  return null;
}

/** Turns a problem into a zod issue whose message is its i18n key. */
function addProblem(ctx: z.RefinementCtx, p: CustomCrmProblem | null, path: PropertyKey[] = []) {
  if (p) ctx.addIssue({ code: 'custom', message: p.code, params: { subs: p.subs }, path });
}

/** The CRM object types a rule can declare (Person Accounts are Salesforce's alone). */
export const CustomObjectType = z.enum(['lead', 'contact', 'person']);
export type CustomObjectType = z.infer<typeof CustomObjectType>;

export const CustomCrmRules = z
  .object({
    type: z.literal('rules'),
    recordUrlPattern: z
      .string()
      .max(500)
      .superRefine((s, ctx) => addProblem(ctx, patternProblem(s))),
    objectType: CustomObjectType,
    /** CSS selectors per identity field; the element's text, or an input's value, is read. */
    selectors: z.partialRecord(IdentityFieldName, z.string().min(1).max(300)),
  })
  .superRefine((k, ctx) => {
    if (!k.selectors.email && !k.selectors.name) {
      addProblem(ctx, problem('crmErrSelectorsNone'), ['selectors']);
    }
  });
export type CustomCrmRules = z.infer<typeof CustomCrmRules>;

export const CustomCrmKind = z.discriminatedUnion('type', [
  /** Use a built-in self-hosted adapter's URL rules and probes on this host. */
  z.object({ type: z.literal('adapter'), adapterId: SelfHostedAdapterId }),
  CustomCrmRules,
]);
export type CustomCrmKind = z.infer<typeof CustomCrmKind>;

/** Also the suffix of the content-script registration id and of the adapter id (`custom:<id>`). */
export const CustomCrmId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/**
 * A CRM the user added in the options page: one host (and port), granted at run time, where the
 * content script is registered with `scripting.registerContentScripts`.
 */
export const CustomCrm = z
  .object({
    id: CustomCrmId,
    label: z
      .string()
      .max(80)
      .superRefine((s, ctx) => {
        if (!s.trim()) addProblem(ctx, problem('crmErrLabelEmpty'));
      }),
    /** `crm.example.com`, `10.0.0.5:8080`: lower case, no scheme, path or wildcard. */
    host: z
      .string()
      .max(260)
      .superRefine((s, ctx) => addProblem(ctx, hostProblem(s))),
    protocol: z.enum(['https', 'http']),
    kind: CustomCrmKind,
    addedAt: EpochMs,
  })
  .superRefine((c, ctx) => {
    // The host alone is checked above; only the default port needs the protocol.
    if (!hostProblem(c.host)) addProblem(ctx, hostProblem(c.host, c.protocol), ['host']);
  });
export type CustomCrm = z.infer<typeof CustomCrm>;

/** Sidebar collapsed state and width, remembered per CRM (storage key `sidebarLayout`). */
export const SidebarLayouts = z.record(
  z.string().max(64),
  z.object({ collapsed: z.boolean(), width: z.number().int().min(240).max(720) }),
);
export type SidebarLayouts = z.infer<typeof SidebarLayouts>;

/** User settings kept in `browser.storage.local` (small, synchronous-feeling, survives updates). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the team hub is and the person's token for it. HTTPS only, except on this machine
 * (a hub run locally for a trial or a test).
 */
export const HubConfig = z.object({
  url: z
    .string()
    .trim()
    .max(2048)
    .superRefine((s, ctx) => {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not a URL (e.g. https://hub.example.com)' });
        return;
      }
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname)))
        ctx.addIssue({ code: 'custom', message: 'use https:// (http:// only for localhost)' });
      if (u.username || u.password)
        ctx.addIssue({ code: 'custom', message: 'put the token in the token field, not the URL' });
      if (u.search || u.hash)
        ctx.addIssue({ code: 'custom', message: 'no query or fragment: the hub’s base URL only' });
    })
    .transform((s) => s.replace(/\/+$/, '')),
  token: z.string().trim().min(16, 'the token is too short').max(512),
});
export type HubConfig = z.infer<typeof HubConfig>;
export type HubConfigInput = z.input<typeof HubConfig>;

export const Settings = z.object({
  rep: Rep.optional(),
  /** The team hub, when the team shares one. */
  hub: HubConfig.optional(),
  /** Adapter ids the user switched off (kill switch per CRM). */
  disabledAdapters: z.array(z.string().max(64)).default([]),
  /** CRMs the user added (self-hosted or in-house), each on one granted host. */
  customCrms: z.array(CustomCrm).max(50).default([]),
});
export type Settings = z.infer<typeof Settings>;
