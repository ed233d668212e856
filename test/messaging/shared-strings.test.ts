import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../lib/messaging/pack';
import {
  MAX_LENGTH,
  MIN_LENGTH,
  RecordDecoder,
  RecordEncoder,
  StringDecoder,
  StringEncoder,
} from '../../lib/messaging/shared-strings';

/** What the receiver gets: the value as JSON carries it. */
const overJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** Strings that repeat, start with the reference mark, and sit at the length limits. */
const text = fc.oneof(
  fc.constantFrom(
    '~',
    '~~',
    '~1',
    '~~~~~~~~',
    '~abcdef',
    'x'.repeat(MIN_LENGTH - 1),
    'y'.repeat(MIN_LENGTH),
    'z'.repeat(MAX_LENGTH),
    'w'.repeat(MAX_LENGTH + 1),
    'Nurture email 3',
    'https://example.com/pricing',
  ),
  fc.string({ unit: fc.constantFrom('a', 'b', '~', '1'), maxLength: 9 }),
  fc.string(),
);

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('shared strings', () => {
  it('give back every message, in order, whatever the slots and repeats', () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 12 }), fc.integer({ min: 1, max: 6 }), (msgs, n) => {
        const encoder = new StringEncoder(n);
        const decoder = new StringDecoder(n);
        for (const msg of msgs) {
          expect(decoder.decode(overJson(encoder.encode(msg)))).toEqual(overJson(msg));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('send a string again as a short reference, until its slot is taken by newer ones', () => {
    const encoder = new StringEncoder(2);
    const decoder = new StringDecoder(2);
    const trip = (v: unknown) => {
      const wire = JSON.stringify(encoder.encode(v));
      expect(decoder.decode(JSON.parse(wire))).toEqual(v);
      return wire;
    };
    const subject = 'Webinar follow-up: pricing';
    expect(trip([subject])).toContain(subject);
    expect(trip([subject, subject])).toBe('["~0","~0"]');
    trip(['another string', 'and a third']); // two new strings take both slots
    expect(trip([subject])).toContain(subject); // forgotten by both ends: in full again
    // Short strings and the mark itself travel as they are (the mark escaped).
    expect(trip(['short', '~', '~0'])).toBe('["short","~~","~~0"]');
  });

  it('leave the value they encode alone, and keep a key named __proto__ as data', () => {
    const value = JSON.parse('{"__proto__":"prototype text","a":["repeat me","repeat me"]}');
    const copy = overJson(value);
    const encoder = new StringEncoder();
    const wire = overJson(encoder.encode(value));
    expect(value).toEqual(copy);
    const back = new StringDecoder().decode(wire) as Record<string, unknown>;
    expect(back).toEqual(copy);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('give back the same values when the transport reorders object keys', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    fc.assert(
      fc.property(fc.array(json, { maxLength: 8 }), (msgs) => {
        const encoder = new StringEncoder(4);
        const decoder = new StringDecoder(4);
        for (const msg of msgs) {
          const wire = reversed(overJson(encoder.encode(msg)));
          expect(decoder.decode(wire)).toEqual(overJson(msg));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a reference the decoder never saw (a lost or reordered message)', () => {
    const encoder = new StringEncoder();
    encoder.encode('first campaign name');
    const later = overJson(encoder.encode(['first campaign name']));
    expect(() => new StringDecoder().decode(later)).toThrow(/unknown shared string/);
    expect(() => new StringDecoder().decode('~zz!')).toThrow(/unknown shared string/);
  });
});

describe('shared definitions', () => {
  const asset = (id: string, title: string) => ({ id, title, tags: ['pricing', 'roi'] });
  const PATHS = ['assets', 'campaigns'];

  /** One port's two ends, as the server and the client run them (pack and JSON between). */
  function port(max?: number) {
    const encoder = new RecordEncoder(max);
    const decoder = new RecordDecoder(max);
    return (value: Record<string, unknown>) => {
      const wire = JSON.stringify(pack({ ok: true, value: encoder.encode(value, PATHS) }));
      const back = decoder.decode(unpack(JSON.parse(wire)), PATHS) as { value: unknown };
      return { wire, value: back.value };
    };
  }

  it('send a definition again as a reference while it is unchanged, in full once it changes', () => {
    const trip = port();
    const first = { assets: [asset('A-1', 'ROI guide'), asset('A-2', 'Pricing sheet')], n: 1 };
    expect(trip(first).value).toEqual(first);
    const again = { assets: [asset('A-2', 'Pricing sheet'), asset('A-3', 'Case study')], n: 2 };
    const second = trip(again);
    expect(second.value).toEqual(again);
    expect(second.wire).not.toContain('Pricing sheet');
    expect(second.wire).toContain('Case study');
    const changed = { assets: [asset('A-2', 'Pricing sheet 2027')], n: 3 };
    expect(trip(changed).wire).toContain('Pricing sheet 2027');
    expect(trip(changed).value).toEqual(changed);
    // The same id in another array is another definition.
    const campaigns = { campaigns: [asset('A-2', 'Pricing sheet')] };
    expect(trip(campaigns).wire).toContain('Pricing sheet');
  });

  it('leave records without a string id, other arrays and error results as they are', () => {
    const trip = port();
    const value = {
      assets: [{ title: 'no id' }, { id: 7, title: 'number id' }, 'x'],
      other: [asset('A-1', 't')],
    };
    trip(value);
    const second = trip(value);
    expect(second.value).toEqual(value);
    expect(second.wire).toContain('no id');
    expect(second.wire).toContain('number id');
    expect(second.wire.match(/"t"/g)?.length ?? 0).toBeGreaterThan(0);
    const failed = { ok: false, error: { code: 'x', message: 'y' } };
    expect(new RecordDecoder().decode(failed, PATHS)).toEqual(failed);
  });

  it('give each answer its own copy, and stop remembering at the same definition on both ends', () => {
    const trip = port(2);
    const defs = [asset('A-1', 'one'), asset('A-2', 'two'), asset('A-3', 'three')];
    trip({ assets: defs });
    const second = trip({ assets: defs });
    expect(second.value).toEqual({ assets: defs });
    expect(second.wire).not.toContain('"one"');
    expect(second.wire).toContain('three'); // past the limit: always in full
    (second.value as { assets: { title: string }[] }).assets[0]!.title = 'changed by a caller';
    expect(trip({ assets: defs }).value).toEqual({ assets: defs });
  });

  it('refuse a reference the receiving end never had', () => {
    const encoder = new RecordEncoder();
    encoder.encode({ assets: [asset('A-1', 'one')] }, PATHS);
    const wire = pack({
      ok: true,
      value: encoder.encode({ assets: [asset('A-1', 'one')] }, PATHS),
    });
    expect(() => new RecordDecoder().decode(unpack(overJson(wire)), PATHS)).toThrow(
      /unknown shared record/,
    );
  });
});
