/**
 * Generated from the adapters themselves: every adapter's examples give their expected result,
 * every other adapter rejects them, and the manifest covers exactly the adapters' hosts.
 */
import { examplesOf } from '../../lib/crm/adapters/examples';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { ADAPTERS, ADAPTER_MATCHES, ADAPTER_URLS } from '../../lib/crm/adapters';
import { matchUrl } from '../../lib/crm/match';
import config from '../../wxt.config';

describe('adapter registry', () => {
  it('has unique ids and at least one positive and one negative example per adapter', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of ADAPTERS) {
      expect(
        examplesOf(a).some((e) => e.expect),
        `${a.id} has a positive example`,
      ).toBe(true);
      expect(
        examplesOf(a).some((e) => !e.expect),
        `${a.id} has a negative example`,
      ).toBe(true);
      expect(
        a.urlRules.every((r) => r.seenOn.length > 10),
        `${a.id} says where each rule was seen`,
      ).toBe(true);
    }
  });
});

describe('URL halves (what the bootstrap on every CRM page carries)', () => {
  it('list every adapter in the same order, with the same URL rules', () => {
    expect(ADAPTER_URLS.map((a) => a.id)).toEqual(ADAPTERS.map((a) => a.id));
    ADAPTERS.forEach((a, i) => {
      const urls = ADAPTER_URLS[i]!;
      expect(a.urlRules, a.id).toBe(urls.urlRules);
      expect(a.hostPattern, a.id).toBe(urls.hostPattern);
      expect(a.matches, a.id).toEqual(urls.matches);
      expect(!!a.selfHosted, a.id).toBe(!!urls.selfHosted);
    });
  });

  it('hold no DOM probes and no record view', () => {
    for (const urls of ADAPTER_URLS) {
      expect(Object.keys(urls).sort(), urls.id).toEqual(
        ['crm', 'hostPattern', 'id', 'label', 'matches', 'urlRules']
          .concat(urls.selfHosted ? ['selfHosted'] : [])
          .sort(),
      );
    }
  });
});

for (const adapter of ADAPTERS) {
  describe(`${adapter.id} examples`, () => {
    for (const example of examplesOf(adapter)) {
      it(`${example.url} -> ${example.expect ? `${example.expect.objectType} ${example.expect.recordId}` : 'not a record'}`, () => {
        // A self-hosted adapter's example on a host its hostPattern rejects stands for a host
        // the user added and assigned to it.
        const host = new URL(example.url).hostname.toLowerCase();
        const customHosts =
          adapter.selfHosted && !adapter.hostPattern.test(host)
            ? new Map([[host, adapter.id]])
            : undefined;
        const got = matchUrl(example.url, [adapter], [], customHosts);
        expect(got?.record ?? null).toEqual(example.expect);
      });
    }
    const positives = examplesOf(adapter).filter((e) => e.expect);
    for (const other of ADAPTERS.filter((a) => a !== adapter)) {
      it(`${other.id} rejects every ${adapter.id} record URL`, () => {
        for (const e of positives) expect(matchUrl(e.url, [other]), e.url).toBeNull();
      });
    }
  });
}

describe('manifest', () => {
  const manifest =
    typeof config.manifest === 'function'
      ? (config.manifest as (env: { browser: string }) => Record<string, unknown>)({
          browser: 'chrome',
        })
      : (config.manifest as Record<string, unknown>);
  const hostPermissions = manifest.host_permissions as string[];
  const patterns = hostPermissions.map((p) => new MatchPattern(p));

  it('asks for the adapters hosts and nothing broader', () => {
    expect([...hostPermissions].sort()).toEqual([...ADAPTER_MATCHES].sort());
    for (const p of hostPermissions) {
      expect(p).not.toMatch(/^<all_urls>$|^\*:\/\/\*\/|^https?:\/\/\*\//);
    }
    expect(manifest.permissions).not.toContain('<all_urls>');
  });

  it('asks for https only: every supported CRM serves records over https', () => {
    for (const p of hostPermissions) expect(p, p).toMatch(/^https:\/\//);
  });

  it('covers every host an adapter claims (its positive examples)', () => {
    for (const a of ADAPTERS) {
      for (const e of examplesOf(a).filter((x) => x.expect)) {
        if (!a.hostPattern.test(new URL(e.url).hostname)) continue; // self-hosted example
        expect(
          patterns.some((p) => p.includes(e.url)),
          `${a.id}: ${e.url}`,
        ).toBe(true);
      }
    }
  });

  it('has no match pattern that no adapter uses', () => {
    for (const p of ADAPTER_MATCHES) {
      const users = ADAPTERS.filter((a) => a.matches.includes(p));
      expect(users.length, p).toBeGreaterThan(0);
      const pattern = new MatchPattern(p);
      const covered = users.some((a) =>
        examplesOf(a).some((e) => e.expect && pattern.includes(e.url)),
      );
      expect(covered, `${p} is exercised by a positive example`).toBe(true);
    }
  });
});
