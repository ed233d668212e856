/**
 * Follows a single-page CRM through its navigation and keeps exactly one sidebar mounted for
 * the record on screen. Every record gets an AbortController: leaving the record aborts the
 * field wait, any request, and unmounts its sidebar before the next record's work starts.
 * On pages that are not records the only work is a URL check per navigation.
 */
import type { DetectedRecord, LeadContext } from '../model';
import { detectWhenReady } from './detect';
import { matchUrl } from './match';
import { recordKey } from '../model/keys';
import type { CrmAdapter } from './types';

export interface WatcherDeps {
  window: Window;
  /** A function when the set changes at run time (CRMs the user adds, read from settings). */
  adapters: readonly CrmAdapter[] | (() => readonly CrmAdapter[]);
  disabled: () => readonly string[];
  customHosts?: () => ReadonlyMap<string, string>;
  /**
   * Mounts the sidebar for a detected record; returns its teardown. `early` is the `prefetch`
   * started for the same record while its fields were awaited, if one was.
   */
  mount: (
    detected: DetectedRecord,
    signal: AbortSignal,
    early?: Promise<LeadContext>,
  ) => Promise<(() => void) | void>;
  /**
   * Asks for a record's context from what the URL says, while detection waits for fields that
   * render late (CRMs render a record's fields after its URL changes, sometimes much later).
   */
  prefetch?: (known: DetectedRecord) => Promise<LeadContext>;
  log?: (msg: string, err?: unknown) => void;
  fieldTimeoutMs?: number;
}

export class RecordWatcher {
  private current: { key: string; controller: AbortController; teardown?: () => void } | null =
    null;
  /** The last record's fields: still on screen for a moment after the URL changes. */
  private lastFields: DetectedRecord['fields'] | undefined;
  private pending = false;

  constructor(private readonly deps: WatcherDeps) {}

  /**
   * Call on start and on every URL change. Never throws into the page. The check runs in a
   * microtask: the Navigation API reports a pushState before the CRM's own code (often in the
   * same task) renders the new record, and several URL changes in a row collapse into one check.
   */
  check = (): void => {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      try {
        this.run();
      } catch (e) {
        this.deps.log?.('check failed', e);
      }
    });
  };

  private run(): void {
    const { window: win } = this.deps;
    const href = win.location.href;
    const { adapters } = this.deps;
    const list = typeof adapters === 'function' ? adapters() : adapters;
    const m = matchUrl(href, list, this.deps.disabled(), this.deps.customHosts?.());
    if (!m) return this.stop();
    const key = `${m.adapter.id}|${recordKey({ crm: m.adapter.crm, ...m.record })}`;
    if (this.current?.key === key) return; // same record: e.g. a tab switch inside it
    this.stop();
    const controller = new AbortController();
    const entry: NonNullable<RecordWatcher['current']> = { key, controller };
    this.current = entry;
    const { signal } = controller;
    let early: Promise<LeadContext> | undefined;
    void detectWhenReady(href, win.document, {
      signal,
      adapters: [m.adapter],
      timeoutMs: this.deps.fieldTimeoutMs,
      stale: this.lastFields,
      customHosts: this.deps.customHosts?.(),
      onWaiting: (known) => {
        try {
          early = this.deps.prefetch?.(known);
          early?.catch(() => {}); // the mount decides; never unhandled when it never mounts
        } catch (e) {
          this.deps.log?.('prefetch failed', e);
        }
      },
    })
      .then(async (detected) => {
        if (!detected || signal.aborted) return;
        this.lastFields = detected.fields;
        const teardown = await this.deps.mount(detected, signal, early);
        if (signal.aborted) teardown?.();
        else if (teardown) entry.teardown = teardown;
      })
      .catch((e: unknown) => this.deps.log?.(`${m.adapter.id}: detection failed`, e));
  }

  /** Tears down the current record's work and sidebar. */
  stop(): void {
    const c = this.current;
    this.current = null;
    if (!c) return;
    c.controller.abort();
    try {
      c.teardown?.();
    } catch (e) {
      this.deps.log?.('teardown failed', e);
    }
  }
}
