/**
 * Follows a single-page CRM through its navigation and keeps exactly one sidebar mounted for
 * the record on screen. Every record gets an AbortController: leaving the record aborts the
 * field wait, any request, and unmounts its sidebar before the next record's work starts.
 * On pages that are not records the only work is a URL check per navigation.
 */
import type { DetectedRecord, LeadContext } from '../model';
import { detectWhenReady, toDetected } from './detect';
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
   * started for the same record from its URL, if one was.
   */
  mount: (
    detected: DetectedRecord,
    signal: AbortSignal,
    early?: Promise<LeadContext>,
  ) => Promise<(() => void) | void>;
  /**
   * Asks for a record's context from what the URL says, as soon as the URL names a record: the
   * CRM renders the record's fields after its URL changes (later in the same task, or much
   * later), and the answer is on its way meanwhile.
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
  /** The request `prefetch` started when the URL changed to the record `key`. */
  private early: { key: string; context: Promise<LeadContext> } | null = null;

  constructor(private readonly deps: WatcherDeps) {}

  /**
   * Call on start and on every URL change. Never throws into the page. The check runs in a
   * microtask: the Navigation API reports a pushState before the CRM's own code (often in the
   * same task) renders the new record, and several URL changes in a row collapse into one check.
   * The record's data is asked for at once, from the URL, before the CRM renders it.
   */
  check = (): void => {
    try {
      const here = this.matchHere();
      if (here) this.ask(here);
    } catch (e) {
      this.deps.log?.('prefetch failed', e);
    }
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

  /** The record the URL names, if it is one, and the key the watcher knows it by. */
  private matchHere() {
    const href = this.deps.window.location.href;
    const { adapters } = this.deps;
    const list = typeof adapters === 'function' ? adapters() : adapters;
    const m = matchUrl(href, list, this.deps.disabled(), this.deps.customHosts?.());
    return (
      m && { m, href, key: `${m.adapter.id}|${recordKey({ crm: m.adapter.crm, ...m.record })}` }
    );
  }

  /** Starts the request for the record `here` names, unless it is shown or asked for already. */
  private ask(here: NonNullable<ReturnType<RecordWatcher['matchHere']>>): void {
    if (!this.deps.prefetch || here.key === this.current?.key || here.key === this.early?.key)
      return;
    try {
      const context = this.deps.prefetch(toDetected(here.m, here.href, {}));
      context.catch(() => {}); // the mount decides; never unhandled when it never mounts
      this.early = { key: here.key, context };
    } catch (e) {
      this.deps.log?.('prefetch failed', e);
    }
  }

  private run(): void {
    const here = this.matchHere();
    if (here) this.ask(here); // the URL changed without an event since the last check
    // A request started for another record (the URL moved on) is not used.
    const early = here && this.early?.key === here.key ? this.early.context : undefined;
    this.early = null;
    if (!here) return this.stop();
    const { m, href, key } = here;
    if (this.current?.key === key) return; // same record: e.g. a tab switch inside it
    this.stop();
    const controller = new AbortController();
    const entry: NonNullable<RecordWatcher['current']> = { key, controller };
    this.current = entry;
    const { signal } = controller;
    void detectWhenReady(href, this.deps.window.document, {
      signal,
      adapters: [m.adapter],
      timeoutMs: this.deps.fieldTimeoutMs,
      stale: this.lastFields,
      customHosts: this.deps.customHosts?.(),
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
