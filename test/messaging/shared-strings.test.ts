import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_LENGTH,
  MIN_LENGTH,
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
