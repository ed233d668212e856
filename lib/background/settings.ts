/**
 * The settings object in `storage.local`, read and written key by key: one bad value (an older
 * version's, a hand edit) falls back to its default without losing the others.
 */
import { browser } from 'wxt/browser';
import { CustomCrm, Settings } from '../model/settings';
import { Rep } from '../model/events';

/**
 * Reads `settings`. CRMs that no longer validate are dropped from what is returned (never from
 * storage by a read).
 */
export async function readSettings(): Promise<{
  settings: Settings;
  raw: Record<string, unknown>;
}> {
  const got = (await browser.storage.local.get('settings')) as { settings?: unknown };
  const raw =
    got.settings && typeof got.settings === 'object'
      ? (got.settings as Record<string, unknown>)
      : {};
  const settings = Settings.parse({});
  for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
    if (key === 'customCrms') continue;
    const r = Settings.shape[key].safeParse(raw[key]);
    if (r.success) Object.assign(settings, { [key]: r.data });
  }
  if (Array.isArray(raw.customCrms)) {
    settings.customCrms = raw.customCrms.flatMap((c) => {
      const r = CustomCrm.safeParse(c);
      return r.success ? [r.data] : [];
    });
  }
  return { settings, raw };
}

/** Writes only the given keys, keeping every other key of the stored object as it was. */
export async function writeSettings(patch: Partial<Settings>): Promise<void> {
  const { raw } = await readSettings();
  await browser.storage.local.set({ settings: { ...raw, ...patch } });
}

/**
 * How long a caller waits for managed storage. Chromium answers `storage.managed.get` only once
 * its policy service has initialised: that can take seconds, and on some machines it never
 * answers at all. Tandem must not hang on it (the sidebar's data waited on it forever), so a
 * read that has not answered within the budget counts as "no policy".
 */
export const MANAGED_WAIT_MS = 250;

let managedRead: { read: Promise<Record<string, unknown>>; startedAt: number } | null = null;
let warnedSlow = false;

/**
 * Everything in managed storage, or `{}` when there is no policy, the browser has no managed
 * storage, or it did not answer within `waitMs` of the read under way starting. One read at a
 * time: while one hangs, later callers share it and its budget instead of waiting afresh, so a
 * policy service that never answers costs one wait per worker, not one per message. Nothing is
 * cached: once the read has answered, the next call reads again (a changed policy shows at once).
 */
export async function readManagedStorage(
  waitMs = MANAGED_WAIT_MS,
): Promise<Record<string, unknown>> {
  return (await readManagedPolicy(waitMs)).values;
}

/** As `readManagedStorage`, also saying whether managed storage answered (false: gave up). */
export function readManagedPolicy(
  waitMs = MANAGED_WAIT_MS,
): Promise<{ values: Record<string, unknown>; answered: boolean }> {
  let managed: typeof browser.storage.local | undefined;
  try {
    managed = browser.storage.managed as typeof browser.storage.local | undefined;
  } catch {
    managed = undefined;
  }
  if (!managed) return Promise.resolve({ values: {}, answered: true });
  if (!managedRead) {
    let read: Promise<Record<string, unknown>>;
    try {
      read = managed.get(null).then(
        (got) => (got && typeof got === 'object' ? (got as Record<string, unknown>) : {}),
        () => ({}), // Firefox without a policy file rejects; so do test browsers
      );
    } catch {
      return Promise.resolve({ values: {}, answered: true });
    }
    const entry = { read, startedAt: Date.now() };
    managedRead = entry;
    void read.then(() => {
      if (managedRead === entry) managedRead = null;
    });
  }
  const { read, startedAt } = managedRead;
  const left = startedAt + waitMs - Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => {
        if (!warnedSlow) {
          warnedSlow = true;
          console.warn(
            `[tandem] the browser's managed storage did not answer within ${waitMs} ms; going on without an administrator's policy until it does`,
          );
        }
        resolve({ values: {}, answered: false });
      },
      Math.max(0, left),
    );
    void read.then((got) => {
      clearTimeout(timer);
      resolve({ values: got, answered: true });
    });
  });
}

/**
 * The administrator's policy (managed storage), when the extension was deployed with one. Each
 * key is validated on its own; a browser without managed storage (or without a policy, or whose
 * policy service has not answered in time) has none.
 */
export async function readManaged(): Promise<{ rep?: Rep }> {
  const raw = await readManagedStorage();
  const rep = Rep.safeParse(raw.rep);
  if (raw.rep !== undefined && !rep.success) {
    console.warn('[tandem] the managed policy has an invalid rep; ignoring it', rep.error.issues);
  }
  return rep.success ? { rep: rep.data } : {};
}
