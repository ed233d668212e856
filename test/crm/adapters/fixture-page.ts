/**
 * Test harness for the adapter tests: fixture pages mounted into the test's own happy-dom
 * document (so their inline scripts, timers, history and MutationObservers work), and the
 * checks every adapter gets (examples, hosts, match patterns).
 */
import { examplesOf } from '../../../lib/crm/adapters/examples';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { matchUrl } from '../../../lib/crm/match';
import type { CrmAdapter } from '../../../lib/crm/types';

function readFixture(path: string): { html: string; url: string } {
  const html = readFileSync(resolve('test/fixtures/crm', path), 'utf8');
  const url = /<!--\s*url:\s*(\S+)/.exec(html)?.[1];
  if (!url) throw new Error(`${path}: no "<!-- url: ..." comment`);
  return { html, url };
}

/**
 * Replaces the global document's content with the fixture page and moves the test window to
 * the page's path (the origin stays happy-dom's; `pageUrl()` gives the CRM URL). Scripts are
 * not run: call `runFixtureScripts()` for that.
 */
export function mountFixture(path: string): { url: string; origin: string } {
  const { html, url } = readFixture(path);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const a of [...root.attributes]) root.removeAttribute(a.name);
  for (const a of [...parsed.documentElement.attributes]) root.setAttribute(a.name, a.value);
  root.replaceChildren(
    document.importNode(parsed.head, true),
    document.importNode(parsed.body, true),
  );
  const u = new URL(url);
  history.replaceState(null, '', u.pathname + u.search + u.hash);
  return { url, origin: u.origin };
}

/** Timers the mounted page's scripts started (cleared when the page is unmounted). */
const pageTimers = new Set<ReturnType<typeof setTimeout>>();

/** Runs the page's inline scripts as a browser would after load (happy-dom does not run them). */
export function runFixtureScripts(): void {
  const pageSetTimeout = (fn: () => void, ms?: number) => {
    const id = setTimeout(() => {
      pageTimers.delete(id);
      fn();
    }, ms);
    pageTimers.add(id);
    return id;
  };
  for (const script of document.querySelectorAll('script:not([src])')) {
    // Fixture code written in this repository, run in the test window's global scope.
    new Function('setTimeout', script.textContent ?? '')(pageSetTimeout);
  }
  if (document.readyState !== 'complete') window.dispatchEvent(new Event('load'));
}

/** The CRM URL of the mounted page as it is now (after in-app navigation). */
export function pageUrl(origin: string): string {
  return origin + location.pathname + location.search + location.hash;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Clicks the page's `[data-fixture-nav]` and waits for the fixture to swap the record in. */
export async function navigate(): Promise<void> {
  const nav = document.querySelector<HTMLElement>('[data-fixture-nav]');
  if (!nav) throw new Error('no [data-fixture-nav] on the page');
  nav.click();
  await sleep(Number(nav.getAttribute('data-fixture-delay') ?? 0) + 20);
}

/** Cancels the page's pending timers (late rendering) so they cannot touch the next test. */
export async function unmountFixture(): Promise<void> {
  for (const id of pageTimers) clearTimeout(id);
  pageTimers.clear();
  const api = (window as unknown as { happyDOM?: { abort(): Promise<void> } }).happyDOM;
  await api?.abort();
}

/** An example on a host the adapter does not own, which only a user's assignment gives it. */
function userAssigned(adapter: CrmAdapter, url: string): boolean {
  return adapter.selfHosted === true && !adapter.hostPattern.test(new URL(url).hostname);
}

/**
 * The hosts a user has assigned, as `matchUrl` takes them, for a self-hosted adapter's URL on a
 * host it does not own (a self-hosted install); undefined for a host it owns.
 */
export function assignedHostsFor(
  adapter: CrmAdapter,
  url: string,
): ReadonlyMap<string, string> | undefined {
  if (!userAssigned(adapter, url)) return undefined;
  return new Map([[new URL(url).hostname.toLowerCase(), adapter.id]]);
}

/**
 * The checks every adapter gets: its examples, the hosts it must own and must not own, and
 * match patterns that cover every host it owns (each pattern used by a positive example).
 */
export function describeAdapterBasics(
  adapter: CrmAdapter,
  hosts: { owns: readonly string[]; rejects: readonly string[] },
): void {
  describe(`${adapter.id}: examples`, () => {
    it('has at least five examples, positive and negative', () => {
      expect(examplesOf(adapter).length).toBeGreaterThanOrEqual(5);
      expect(examplesOf(adapter).filter((e) => e.expect).length).toBeGreaterThanOrEqual(2);
      expect(examplesOf(adapter).filter((e) => !e.expect).length).toBeGreaterThanOrEqual(2);
    });

    it.each(examplesOf(adapter).map((e) => [e.url, e.expect] as const))('%s', (url, want) => {
      // As in the registry meta-test: a self-hosted adapter's example on a host its
      // hostPattern rejects stands for a host the user added and assigned to it.
      const host = new URL(url).hostname.toLowerCase();
      const customHosts = userAssigned(adapter, url) ? new Map([[host, adapter.id]]) : undefined;
      expect(matchUrl(url, [adapter], [], customHosts)?.record ?? null).toEqual(want);
    });

    if (adapter.selfHosted && hosts.owns.length) {
      it('has positive examples on its own hosts and on a self-hosted install', () => {
        const positives = examplesOf(adapter).filter((e) => e.expect);
        expect(positives.some((e) => !userAssigned(adapter, e.url))).toBe(true);
        expect(positives.some((e) => userAssigned(adapter, e.url))).toBe(true);
      });
    }

    it('says where each URL rule was seen', () => {
      for (const rule of adapter.urlRules) expect(rule.seenOn.length).toBeGreaterThan(10);
    });
  });

  describe(`${adapter.id}: hosts`, () => {
    const patterns = adapter.matches.map((p) => new MatchPattern(p));

    // A self-hosted-only adapter (SuiteCRM) owns no host.
    if (hosts.owns.length) {
      it.each(hosts.owns)('owns %s, and its match patterns cover it', (host) => {
        expect(adapter.hostPattern.test(host)).toBe(true);
        expect(patterns.some((p) => p.includes(`https://${host}/`))).toBe(true);
      });
    } else {
      it('owns no host and has no match patterns', () => expect(patterns).toEqual([]));
    }

    it.each(hosts.rejects)('does not own %s', (host) => {
      expect(adapter.hostPattern.test(host)).toBe(false);
    });

    it('has match patterns that cover every positive example, each used by one', () => {
      const positives = examplesOf(adapter)
        .filter((e) => e.expect && !userAssigned(adapter, e.url))
        .map((e) => e.url);
      for (const url of positives) {
        expect(
          patterns.some((p) => p.includes(url)),
          url,
        ).toBe(true);
      }
      for (const p of patterns) {
        expect(positives.some((url) => p.includes(url))).toBe(true);
      }
    });
  });
}
