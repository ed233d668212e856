/**
 * Fuzzing the detector with mutated fixture pages. For every fixture page under
 * test/fixtures/crm, fast-check generates sequences of DOM mutations (removed, duplicated and
 * moved elements, field copies with other text, garbage text and attributes, deep nesting,
 * hidden elements, shadow roots, injected markup, a garbage title), applies them to a freshly
 * parsed copy of the page and checks that `detect`:
 *   1. never throws;
 *   2. returns a record that passes the `DetectedRecord` schema (null only where the URL is not
 *      a record, whatever the page shows);
 *   3. reports only field values that are on the page (see `pageHaystacks` for the oracle);
 *   4. reports values cleaned as `cleanText` cleans them: non-empty, whitespace collapsed,
 *      trimmed (two bugs it found are kept as regression cases at the end of this file).
 * Targeted cases follow: hidden copies of views and fields, 10,000-level nesting, shadow roots.
 *
 * Reproduce a failure with the seed and path fast-check prints:
 *   FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/crm/fuzz.test.ts -t '<page>'
 * FUZZ_RUNS sets the number of runs per page (default 30; the file then runs in ~10 s).
 */
import { setImmediate } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeView, detect } from '../../lib/crm/detect';
import { cleanText, deepQuery, deepQueryAll, isVisible } from '../../lib/crm/dom';
import { DetectedRecord } from '../../lib/model';
import {
  allElements,
  applyMutation,
  fakeDeepTree,
  fieldElements,
  garbage,
  isOnPage,
  listFixtures,
  mutations,
  nest,
  pageHaystacks,
  parse,
  rewrite,
  type FuzzFixture,
} from './fuzz-helpers';

// A fixed default seed keeps `npm test` repeatable; set FUZZ_SEED (and FUZZ_RUNS) to explore.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261123;
const PATH = process.env.FUZZ_PATH || undefined;
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const TIMEOUT = 30_000 + RUNS * 1_000;
/**
 * The properties are async and each run first yields to the event loop: V8 keeps every object
 * a WeakRef was made for alive until the current job ends, and happy-dom makes WeakRefs to the
 * nodes it parses, so a synchronous run of hundreds of parsed pages never frees one of them
 * (and runs out of memory at a few hundred runs per page).
 */
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  ...(SEED === undefined ? {} : { seed: SEED }),
  ...(PATH === undefined ? {} : { path: PATH, endOnFailure: true }),
});

const FIXTURES = listFixtures();
const byPath = (path: string): FuzzFixture => FIXTURES.find((f) => f.path === path)!;

function run(fx: FuzzFixture, doc: Document) {
  return detect(fx.url, doc, undefined, [], fx.customHosts);
}

/** Properties 1 to 4, for one (mutated) document. */
function checkDetection(fx: FuzzFixture, doc: Document): void {
  const result = run(fx, doc);
  // Whether there is a result depends on the URL only, whatever the page shows.
  if (!fx.adapter) {
    expect(result).toBeNull();
    return;
  }
  expect(result).not.toBeNull();
  const parsed = DetectedRecord.safeParse(result);
  if (!parsed.success) throw new Error(`not a DetectedRecord: ${parsed.error.message}`);
  expect(result!.adapterId).toBe(fx.adapter.id);
  const haystacks = pageHaystacks(doc);
  for (const [name, field] of Object.entries(result!.fields)) {
    const what = `${name} = ${JSON.stringify(field.value.slice(0, 300))} (${field.provenance.detail})`;
    if (!isOnPage(field.value, haystacks)) throw new Error(`${what} is not on the page`);
    const value = field.value;
    if (value === '' || cleanText(value) !== value) {
      throw new Error(`${what} is empty or not cleaned`);
    }
  }
}

describe('the fuzz harness', () => {
  it('finds every fixture page, nearly all at a URL the registry reads as a record', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(20);
    // The one exception: a HubSpot list page with a record preview (its URL names no record).
    expect(FIXTURES.filter((fx) => !fx.adapter).map((fx) => fx.path)).toEqual([
      'hubspot/contacts-list-preview.html',
    ]);
  });

  it('has an oracle that accepts every unmutated page and rejects what is not there', () => {
    for (const fx of FIXTURES) {
      const doc = parse(fx.html);
      checkDetection(fx, doc);
      const haystacks = pageHaystacks(doc);
      expect(isOnPage('not on any fixture page \u2717', haystacks)).toBe(false);
    }
    // Decoded mailto links count; comments and template contents do not.
    const doc = parse(
      '<title>T</title><a href="mailto:dana%40x.io?subject=hi">mail</a>' +
        '<!-- comment@x.io --><template>template@x.io</template>',
    );
    const haystacks = pageHaystacks(doc);
    expect(isOnPage('dana@x.io', haystacks)).toBe(true);
    expect(isOnPage('comment@x.io', haystacks)).toBe(false);
    expect(isOnPage('template@x.io', haystacks)).toBe(false);
  });
});

describe('detect on randomly mutated fixture pages', () => {
  it.each(FIXTURES.map((fx) => [fx.path, fx] as const))(
    '%s: never throws, stays valid, reports only what is on the page',
    async (_path, fx) => {
      await fc.assert(
        fc.asyncProperty(mutations(), async (muts) => {
          await setImmediate(); // see `params`
          const doc = parse(fx.html);
          for (const m of muts) applyMutation(doc, fx.adapter, m);
          checkDetection(fx, doc);
        }),
        params(RUNS),
      );
    },
    TIMEOUT,
  );

  it(
    'survives an open shadow root full of garbage on any element of any page',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...FIXTURES),
          fc.nat(),
          garbage,
          fc.option(fc.nat(), { nil: null }),
          async (fx, at, text, copyField) => {
            await setImmediate();
            const doc = parse(fx.html);
            applyMutation(doc, fx.adapter, { kind: 'shadow', pool: 'any', at, text, copyField });
            checkDetection(fx, doc);
          },
        ),
        params(RUNS * 2),
      );
    },
    TIMEOUT,
  );
});

const RECORD_PAGES = FIXTURES.filter((fx) => fx.adapter);

/** Fixtures whose adapter's active view is an element of the page (not the document or body). */
const WITH_VIEW = RECORD_PAGES.filter((fx) => {
  const view = activeView(fx.adapter!, parse(fx.html));
  return view instanceof Element && view.localName !== 'body' && view.localName !== 'html';
});

/** Fixtures whose adapter has visibleOnly probes. */
const WITH_VISIBLE_ONLY = RECORD_PAGES.filter((fx) =>
  Object.values(fx.adapter!.probes).some((probes) => probes?.some((p) => p.visibleOnly)),
);

const hide = (el: Element, how: 'hidden' | 'display:none') =>
  how === 'hidden' ? el.setAttribute('hidden', '') : el.setAttribute('style', 'display:none');

describe('hidden copies with other values never win', () => {
  it('covers the adapters with active views and visibleOnly probes', () => {
    expect(WITH_VIEW.length).toBeGreaterThan(0);
    expect(WITH_VISIBLE_ONLY.length).toBeGreaterThan(0);
  });

  it.each(
    WITH_VIEW.flatMap((fx) =>
      (['hidden', 'display:none'] as const).map((how) => [fx.path, how] as const),
    ),
  )('%s: a %s copy of the active view placed before it', (path, how) => {
    const fx = byPath(path);
    const baseline = run(fx, parse(fx.html))!;
    const doc = parse(fx.html);
    const view = activeView(fx.adapter!, doc) as Element;
    const copy = view.cloneNode(true) as Element;
    rewrite(copy, 'Hidden Copy hidden.copy@example.invalid');
    hide(copy, how);
    view.before(copy);
    expect(run(fx, doc)!.fields).toEqual(baseline.fields);
    checkDetection(fx, doc);
  });

  it.each(
    WITH_VISIBLE_ONLY.flatMap((fx) =>
      (['hidden', 'display:none'] as const).map((how) => [fx.path, how] as const),
    ),
  )('%s: a %s copy of each visibleOnly field container placed before it', (path, how) => {
    const fx = byPath(path);
    const baseline = run(fx, parse(fx.html))!;
    const doc = parse(fx.html);
    const root = activeView(fx.adapter!, doc)!;
    let copies = 0;
    for (const probes of Object.values(fx.adapter!.probes)) {
      for (const probe of probes ?? []) {
        if (!probe.visibleOnly) continue;
        const el = deepQueryAll(root, probe.selector).find(isVisible);
        const container = el?.parentElement;
        if (!container) continue;
        const copy = container.cloneNode(true) as Element;
        rewrite(copy, `Hidden Copy ${copies++} hidden.copy@example.invalid`);
        hide(copy, how);
        container.before(copy);
      }
    }
    expect(copies).toBeGreaterThan(0);
    expect(run(fx, doc)!.fields).toEqual(baseline.fields);
    checkDetection(fx, doc);
  });
});

describe('deep nesting', () => {
  it('deepQuery, deepQueryAll and isVisible walk 10,000 (and 100,000) nested elements', () => {
    // The detector's own traversal, on a minimal iterative DOM: happy-dom's querySelector,
    // textContent and getComputedStyle recurse per level and overflow at ~4,000 levels.
    for (const depth of [10_000, 100_000]) {
      const { root, leaf } = fakeDeepTree(depth, 'elements');
      expect(deepQuery(root, 'a')).toBe(leaf);
      expect(deepQueryAll(root, 'a')).toEqual([leaf]);
      expect(isVisible(leaf)).toBe(true);
    }
  });

  it('deepQuery, deepQueryAll and isVisible cross 1,000 nested shadow roots', () => {
    // deepQuery/deepQueryAll recurse once per shadow root level: fine at realistic depths
    // (see the 10,000 case below for what happens past ~5,000 levels).
    const { root, leaf } = fakeDeepTree(1_000, 'shadow-roots');
    expect(deepQuery(root, 'a')).toBe(leaf);
    expect(deepQueryAll(root, 'a')).toEqual([leaf]);
    expect(isVisible(leaf)).toBe(true);
  });

  it.each(FIXTURES.map((fx) => [fx.path, fx] as const))(
    '%s: a field 10,000 levels deep never overflows in the detector itself',
    async (_path, fx) => {
      await setImmediate(); // frees the previous page (see `params`)
      const doc = parse(fx.html);
      const field = fieldElements(doc, fx.adapter).at(-1) ?? doc.body.firstElementChild!;
      nest(field, 10_000);
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      let error: unknown;
      try {
        run(fx, doc);
      } catch (e) {
        error = e;
      } finally {
        Error.stackTraceLimit = limit;
      }
      if (error === undefined) {
        // detect coped: the result must still be right (the oracle is iterative).
        checkDetection(fx, doc);
        return;
      }
      // happy-dom's querySelectorAll (called by activeView, outside readFields' try) recurses
      // once per level and overflows here; browsers' does not (checked in Chromium). What must
      // hold: the recursion that overflowed is happy-dom's, not the detector's.
      expect(error).toBeInstanceOf(RangeError);
      const frames = ((error as Error).stack ?? '').split('\n');
      expect(frames.filter((f) => /lib\/crm\//.test(f)).length).toBeLessThan(10);
      expect(frames.filter((f) => /node_modules\/happy-dom\//.test(f)).length).toBeGreaterThan(
        1_000,
      );
    },
    30_000,
  );

  it('a field 10,000 shadow roots deep never makes detect throw', () => {
    const fx = byPath('salesforce-lightning/lead-with-cached-page.html');
    const doc = parse(fx.html);
    const view = activeView(fx.adapter!, doc) as Element;
    const email = view.querySelector('[data-target-selection-name$=".Email"]')!;
    expect(email).not.toBeNull();
    let host = doc.createElement('div');
    email.replaceWith(host);
    for (let i = 0; i < 10_000; i++) {
      const next = doc.createElement('div');
      host.attachShadow({ mode: 'open' }).append(next);
      host = next;
    }
    host.append(email);
    // deepQuery recurses once per shadow level and overflows past ~5,000 levels (in Chromium
    // too); readProbe's catch turns that into a missing field instead of a throw.
    checkDetection(fx, doc);
  }, 30_000);
});

describe('shadow roots with garbage (targeted)', () => {
  it('garbage copies of every field in a shadow root do not displace the light DOM fields', () => {
    for (const fx of RECORD_PAGES) {
      const baseline = run(fx, parse(fx.html))!;
      const doc = parse(fx.html);
      const root = activeView(fx.adapter!, doc);
      const hostEl = root instanceof Element ? root : (doc.body ?? allElements(doc).at(-1) ?? null);
      if (!hostEl) continue;
      const sr = hostEl.attachShadow({ mode: 'open' });
      for (const el of fieldElements(doc, fx.adapter)) {
        const copy = el.cloneNode(true) as Element;
        rewrite(copy, '<img src=x onerror=alert(1)> \u202e\u0000 shadow@garbage.invalid');
        sr.append(copy);
      }
      // Light DOM matches come first (deepQuery), so nothing that was found changes.
      const found = run(fx, doc)!;
      for (const [name, field] of Object.entries(baseline.fields)) {
        expect(found.fields[name as keyof typeof found.fields], `${fx.path} ${name}`).toEqual(
          field,
        );
      }
      checkDetection(fx, doc);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Detector bugs the fuzzer found, kept as minimal regression cases (both fixed).
// ---------------------------------------------------------------------------------------------

/**
 * Known bug 1 (lib/crm/detect.ts, readFields): for email, a leading "mailto:" is stripped
 * from the value *after* the `if (!value) continue` check and without trimming again. So an
 * email probe whose cleaned text is "mailto:" (an `<a href="mailto:mailto:">`, or a field whose
 * text reads "mailto:") is reported as an email with the empty value, and it stops the probe
 * loop (the `break`) so a later probe with a real address is never tried; "mailto: dana@x.io"
 * gives " dana@x.io" (leading space). detectWhenReady counts the empty email as found. The
 * fuzzer finds it (e.g. a field copy in a shadow root whose text is "mailto:") when property 4
 * covers email too.
 */
describe('regression: email values that are only "mailto:" or start with "mailto: "', () => {
  const fx = byPath('close/dana-whitfield.html');
  const emailFor = (href: string) =>
    run(fx, parse(`<!doctype html><title>x</title><main><a href="${href}">x</a></main>`))!.fields
      .email;

  it('reads a plain mailto link (so the two cases below fail for the bug alone)', () => {
    expect(emailFor('mailto:dana%40x.io?subject=hi')?.value).toBe('dana@x.io');
  });

  it('never reports an empty email', () => {
    expect(emailFor('mailto:mailto:')).toBeUndefined();
  });

  it('reports emails cleaned (trimmed)', () => {
    expect(emailFor('mailto:mailto:%20dana@x.io')?.value).toBe('dana@x.io');
  });
});

/**
 * Known bug 2 (lib/crm/dom.ts, cleanText): it collapses and trims, then cuts at 500 characters,
 * so a cut that lands just after a space leaves a trailing space: any field whose text is
 * longer than 500 characters with a space at position 499 is reported as "…x " (found by the
 * fuzzer with seed 12: garbage text duplicated into a Lightning phone field). Trimming after the
 * cut fixes it. (The cut can also split a surrogate pair, leaving a lone surrogate at the end.)
 */
describe('regression: a value cut at 500 characters can end in a space', () => {
  const fx = byPath('twenty/dana-whitfield.html');
  const nameFor = (text: string) => {
    const doc = parse('<!doctype html><title>x</title><main><h1></h1></main>');
    doc.querySelector('h1')!.textContent = text;
    return run(fx, doc)!.fields.name?.value;
  };

  it('cuts long values at 500 characters (so the case below fails for the bug alone)', () => {
    expect(nameFor('x'.repeat(600))).toBe('x'.repeat(500));
  });

  it('reports a cut value without the trailing space', () => {
    expect(nameFor(`${'x'.repeat(499)} yyy`)).toBe('x'.repeat(499));
  });
});
