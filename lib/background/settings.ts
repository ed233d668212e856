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
 * The administrator's policy (managed storage), when the extension was deployed with one. Each
 * key is validated on its own; a browser without managed storage (or without a policy) has none.
 */
export async function readManaged(): Promise<{ rep?: Rep }> {
  let raw: Record<string, unknown>;
  try {
    const managed = browser.storage.managed as typeof browser.storage.local | undefined;
    if (!managed) return {};
    raw = (await managed.get(['rep'])) as Record<string, unknown>;
  } catch {
    return {}; // Firefox without a policy file rejects; so do test browsers.
  }
  const rep = Rep.safeParse(raw.rep);
  if (raw.rep !== undefined && !rep.success) {
    console.warn('[tandem] the managed policy has an invalid rep; ignoring it', rep.error.issues);
  }
  return rep.success ? { rep: rep.data } : {};
}
