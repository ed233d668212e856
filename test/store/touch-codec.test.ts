import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTouches, encodeTouches } from '../../lib/store/touch-codec';
import { Channel, SourceSystem, TOUCH_FIELDS, TouchType, type Touch } from '../../lib/model';

const T0 = Date.UTC(2026, 0, 1);

/** A Marketo-like record: repeated types, campaigns and subjects, distinct ids and times. */
function realistic(count: number): Touch[] {
  const types = [
    ['email_sent', 'email'],
    ['email_opened', 'email'],
    ['page_viewed', 'web'],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [type, channel] = types[i % types.length]!;
    return {
      id: `marketo:${10_000_000 + i * 17}`,
      leadKey: `marketo-${1000 + ((i * 7) % 900)}`,
      at: T0 + i * 272_000,
      type,
      channel,
      campaignId: `mkto-${8800 + (i % 40)}`,
      detail: `Nurture email ${i % 90}`,
      ...(type === 'page_viewed' ? { url: 'https://www.example.com/pricing' } : {}),
      source: 'marketo',
      sourceId: String(10_000_000 + i * 17),
      botSuspect: i % 50 === 0,
    };
  });
}

/** In a drawn touch, an id made from its source and source id (as imports make them). */
const DERIVE = '\u0000derive';

const keysOf = (touches: readonly Touch[]) => touches.map((t) => Object.keys(t));

describe('staged records', () => {
  it('give back the same touches, fields in the model order, absent where they were', () => {
    const touches = realistic(1024);
    touches[3] = { ...touches[3]!, assetId: 'A-1' };
    const back = decodeTouches(encodeTouches(touches));
    expect(back).toEqual(touches);
    expect(keysOf(back)).toEqual(touches.map((t) => TOUCH_FIELDS.filter((f) => f in t)));
    expect(back.filter((t) => 'url' in t)).toHaveLength(touches.filter((t) => t.url).length);
  });

  it('are a fraction of the same touches as JSON or as V8 serializes them (what IndexedDB stores)', () => {
    // An import's staged record, and a typical lead's pack.
    for (const touches of [realistic(1024), realistic(44)]) {
      const bytes = encodeTouches(touches).length;
      expect(bytes).toBeLessThan(new TextEncoder().encode(JSON.stringify(touches)).length / 4);
      expect(bytes).toBeLessThan(serialize(touches).length * 0.3);
      expect(bytes / touches.length).toBeLessThan(55);
    }
  });

  it('keep text of any script, empty strings, and strings that share a prefix up to a surrogate pair', () => {
    const base = realistic(6);
    const details = ['', 'Ünïcödé — 日本語', '😀 launch', '😁 launch', 'a\u0000b\nc"d', '\uD83D'];
    const withMarks = ['\uFEFFfirst', '\uFEFF', 'ab\uFEFF'];
    const touches = base.map((t, i) => ({ ...t, detail: details[i]!, id: `${details[i]!}:${i}` }));
    // Repeated so the detail column is a dictionary, front-coded.
    const all = [...touches, ...touches.map((t) => ({ ...t, id: `${t.id}+` }))];
    expect(decodeTouches(encodeTouches(all))).toEqual(all);
    // U+FEFF at the start of a value (or of a column's text) is text, not a byte order mark.
    const marked = base
      .slice(0, 3)
      .map((t, i) => ({ ...t, id: withMarks[i]!, detail: withMarks[i]! }));
    expect(decodeTouches(encodeTouches(marked))).toEqual(marked);
    expect(decodeTouches(encodeTouches([...marked, ...marked]))).toEqual([...marked, ...marked]);
  });

  it('hold no id an imported touch derives from its source id, and give it back first', () => {
    const touches = realistic(100);
    const bytes = encodeTouches(touches);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('marketo:');
    const back = decodeTouches(bytes);
    expect(back).toEqual(touches);
    expect(keysOf(back)).toEqual(keysOf(touches));
    // One touch whose id is its own: every id is held again.
    const mixed = touches.map((t, i) => (i === 57 ? { ...t, id: `manual-${i}` } : t));
    const mixedBytes = encodeTouches(mixed);
    expect(new TextDecoder().decode(mixedBytes)).toContain('manual-57');
    expect(decodeTouches(mixedBytes)).toEqual(mixed);
    // Near misses keep their own ids: another source's prefix, no separator, no source id.
    for (const odd of [
      { id: 'hubspot:10000000', sourceId: '10000000' },
      { id: 'marketo10000000', sourceId: '10000000' },
      { id: 'marketo:', sourceId: undefined },
      { id: 'marketo:1', sourceId: '' },
    ]) {
      const { sourceId, ...rest } = { ...touches[0]!, ...odd };
      const touch = (sourceId === undefined ? rest : { ...rest, sourceId }) as Touch;
      const ordered = Object.fromEntries(
        TOUCH_FIELDS.filter((f) => f in touch).map((f) => [f, touch[f]]),
      ) as Touch;
      const list = [ordered, ...touches.slice(1)];
      expect(decodeTouches(encodeTouches(list))).toEqual(list);
    }
  });

  it('keep source ids that look like numbers exactly as written', () => {
    const ids = [
      '0',
      '007',
      '-1',
      '1e3',
      ' 12',
      '12 ',
      '+5',
      '1125899906842623',
      '1125899906842624',
    ];
    const big = ['9007199254740993', '00', '٣', '10000000'];
    for (const list of [ids, big, ids.slice(7), ['1', '2', '3', '10', '9', '1000000000000']]) {
      const touches = realistic(list.length).map((t, i) => ({
        ...t,
        id: `x-${i}`,
        sourceId: list[i]!,
      }));
      expect(decodeTouches(encodeTouches(touches)).map((t) => t.sourceId)).toEqual(list);
    }
  });

  it('read records written in the first format', () => {
    const fixture = JSON.parse(readFileSync('test/fixtures/touch-codec/format-1.json', 'utf8')) as {
      records: { touches: Touch[]; base64: string }[];
    };
    expect(fixture.records.length).toBeGreaterThan(1);
    for (const { touches, base64 } of fixture.records) {
      const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
      expect(bytes[0]).toBe(1);
      const back = decodeTouches(bytes);
      expect(back).toEqual(touches);
      expect(keysOf(back)).toEqual(keysOf(touches));
      // Written again, they take the current format.
      expect(encodeTouches(back)[0]).toBe(2);
      expect(decodeTouches(encodeTouches(back))).toEqual(touches);
    }
  });

  it('keep times and numbers exactly, whatever their order', () => {
    const touches = realistic(200).map((t, i) => ({
      ...t,
      at: i % 2 ? Number.MAX_SAFE_INTEGER - i : i * 3,
    }));
    expect(decodeTouches(encodeTouches(touches)).map((t) => t.at)).toEqual(
      touches.map((t) => t.at),
    );
  });

  it('round-trip any touches (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const decimal = fc.oneof(
      fc.nat().map(String),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(String),
      fc.constantFrom('0', '007', '-3', '1125899906842623', '1125899906842624'),
    );
    const edge = fc.constantFrom(2 ** 50 - 1, 2 ** 50, 2 ** 50 + 1, Number.MAX_SAFE_INTEGER);
    const touch = fc.record(
      {
        id: fc.oneof(text, fc.constantFrom('marketo:1', 'marketo:2', 'x', DERIVE)),
        leadKey: fc.constantFrom('L-1', 'L-2', 'L-3'),
        at: fc.oneof(
          fc.nat(),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.nat({ max: 2 ** 40 }).map((n) => n * 1000),
          edge,
        ),
        type: fc.constantFrom(...TouchType.options),
        channel: fc.constantFrom(...Channel.options),
        campaignId: fc.constantFrom('C-1', 'C-2'),
        assetId: text,
        detail: fc.oneof(text, fc.constantFrom('Webinar', 'Webinar: attended')),
        url: fc.constantFrom('https://e.com/a', 'https://e.com/ab'),
        source: fc.constantFrom(...SourceSystem.options),
        sourceId: fc.oneof(text, decimal),
        botSuspect: fc.boolean(),
      },
      { requiredKeys: ['id', 'leadKey', 'at', 'type', 'channel', 'source', 'botSuspect'] },
    );
    fc.assert(
      fc.property(fc.array(touch, { maxLength: 150 }), (drawn) => {
        // The model's field order, as parsed touches have it; `DERIVE` makes an imported id.
        const touches = drawn.map((t) => {
          const id = t.id === DERIVE ? `${t.source}:${t.sourceId ?? ''}` : t.id;
          return Object.fromEntries(
            TOUCH_FIELDS.filter((f) => f in t).map((f) => [f, f === 'id' ? id : t[f]]),
          ) as Touch;
        });
        const back = decodeTouches(encodeTouches(touches));
        expect(back).toEqual(touches);
        expect(keysOf(back)).toEqual(keysOf(touches));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse bytes that were cut short or have bytes left over, rather than make touches up', () => {
    const bytes = encodeTouches(realistic(300));
    for (const cut of [1, 10, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(() => decodeTouches(bytes.subarray(0, cut))).toThrow(RangeError);
    }
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeTouches(longer)).toThrow(/left over/);
  });

  it('refuse flags, scales and derived ids it does not know', () => {
    const bytes = encodeTouches(realistic(20));
    // Format, count, flags.
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([2, 20, 1]);
    const flags = bytes.slice();
    flags[2] = 3;
    expect(() => decodeTouches(flags)).toThrow(/unknown flags/);
    const format = bytes.slice();
    format[0] = 3;
    expect(() => decodeTouches(format)).toThrow(/unknown format/);
    // Ids derived for touches without a source id.
    const bare = realistic(20).map(({ sourceId: _, ...t }, i) => ({ ...t, id: `x${i}` }));
    const noSource = encodeTouches(bare).slice();
    noSource[2] = 1;
    expect(() => decodeTouches(noSource)).toThrow(RangeError);
  });

  it('refuse a numeric column with an unknown scale or a number past its range', () => {
    const [first] = realistic(1);
    const touches = [first!, { ...first!, at: first!.at + 5000 }];
    const bytes = encodeTouches(touches);
    expect(decodeTouches(bytes)).toEqual(touches);
    // The time column: mode Integers (4), thousands (power 3), then each time's zigzag + 1
    // (in seconds: the first from 0, which takes a 5-byte varint, then +5 s, which is 11).
    const at = bytes.findIndex((b, i) => b === 4 && bytes[i + 1] === 3 && bytes[i + 7] === 11);
    expect(at).toBeGreaterThan(0);
    const scale = bytes.slice();
    scale[at + 1] = 10;
    expect(() => decodeTouches(scale)).toThrow(/unknown scale/);
    const negative = bytes.slice();
    // The first time's zigzag made even: a difference back past 0.
    negative[at + 2]! ^= 1;
    expect(() => decodeTouches(negative)).toThrow(RangeError);
  });

  it('encode an empty record', () => {
    expect(decodeTouches(encodeTouches([]))).toEqual([]);
  });
});
