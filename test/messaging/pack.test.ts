import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLeadContext } from '../../lib/context/lead-context';
import { generateDemoWorkspace } from '../../lib/demo';
import { SHOWCASE_LEADS } from '../../lib/demo/showcase';
import { pack, unpack } from '../../lib/messaging/pack';
import { openTandemDb, replaceWorkspace } from '../../lib/store';

const NOW = Date.UTC(2026, 10, 23, 12);

/** What the receiver gets: the value as JSON carries it. */
const overJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** Objects with a key starting with U+0000 are the codec's own marker: the model has none. */
const hasMarkerKey = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  (Array.isArray(v)
    ? v.some(hasMarkerKey)
    : Object.entries(v).some(([k, x]) => k.startsWith('\u0000') || hasMarkerKey(x)));

describe('pack / unpack', () => {
  it('gives back every JSON value it packs', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((v) => !hasMarkerKey(v)),
        (value) => {
          expect(unpack(overJson(pack(value)))).toEqual(overJson(value));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives back arrays of records: absent keys, constant, repeated and nested columns', () => {
    const rows = fc.array(
      fc.record(
        {
          id: fc.string(),
          kind: fc.constantFrom('a', 'b'),
          n: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
          flag: fc.boolean(),
          same: fc.constant('x'),
          note: fc.string(),
          items: fc.array(fc.record({ k: fc.constantFrom('p', 'q'), v: fc.integer() })),
          list: fc.array(fc.integer()),
        },
        { requiredKeys: ['id', 'same'] },
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(rows, (value) => {
        expect(unpack(overJson(pack({ rows: value })))).toEqual(overJson({ rows: value }));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back integer columns written as steps or differences, to the same number', () => {
    const day = 86_400_000;
    const history = Array.from({ length: 90 }, (_, i) => ({ at: 1_788_998_399_999 + i * day }));
    const packedHistory = pack(history) as { c: unknown[] };
    expect(packedHistory.c[0]).toEqual({ p: [1_788_998_399_999, day] });
    const times = [1_781_355_510_140, 1_781_355_406_140, 1_781_355_242_537, 1_781_355_137_537];
    const packedTimes = pack(times.map((at) => ({ at }))) as { c: unknown[] };
    expect(packedTimes.c[0]).toEqual({ z: [times[0], -104_000, -163_603, -105_000] });
    // Differences as long as the values: left as they are.
    const apart = [1, 9_000_000_000_000, 2, 8_000_000_000_000].map((at) => ({ at }));
    expect((pack(apart) as { c: unknown[] }).c[0]).toEqual(apart.map((r) => r.at));
    const edge = [Number.MAX_SAFE_INTEGER, 0, -Number.MAX_SAFE_INTEGER, 0, 5].map((v) => ({ v }));
    expect(unpack(overJson(pack(edge)))).toEqual(edge);
    const ints = fc.array(
      fc.record({
        n: fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0, 2 ** 53, 1.5),
        ),
      }),
      { maxLength: 12 },
    );
    const steps = fc
      .tuple(fc.maxSafeInteger(), fc.maxSafeInteger(), fc.integer({ min: 0, max: 10 }))
      .map(([first, step, n]) => Array.from({ length: n }, (_, i) => ({ n: first + i * step })));
    fc.assert(
      fc.property(fc.oneof(ints, steps), (rows) => {
        expect(unpack(overJson(pack(rows)))).toEqual(overJson(rows));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps records holding null as they are (null and absent would be confused)', () => {
    const value = [
      { a: 1, b: null },
      { a: 2, b: 3 },
    ];
    expect(pack(value)).toEqual(value);
    expect(unpack(overJson(pack(value)))).toEqual(value);
  });

  it('keeps a key named __proto__ as data', () => {
    const value = overJson(JSON.parse('[{"__proto__":1,"a":1},{"__proto__":2,"a":2}]'));
    const back = unpack(overJson(pack(value))) as Record<string, unknown>[];
    expect(back).toEqual(value);
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
  });

  it('gives back a real lead context, in far fewer bytes', async () => {
    const db = await openTandemDb('pack-test');
    await replaceWorkspace(db, generateDemoWorkspace({ now: NOW }));
    const dana = SHOWCASE_LEADS[0]!;
    const ctx = await buildLeadContext(
      db,
      {
        ref: dana.crmRefs[0]!,
        url: `https://acme.lightning.force.com/lightning/r/Lead/${dana.crmRefs[0]!.recordId}/view`,
        adapterId: 'salesforce-lightning',
        fields: {},
      },
      { now: NOW },
    );
    expect(ctx.status).toBe('matched');
    const wire = JSON.stringify(pack(ctx));
    expect(unpack(JSON.parse(wire))).toEqual(overJson(ctx));
    expect(wire.length).toBeLessThan(JSON.stringify(ctx).length * 0.75);
  }, 60_000);
});
