// @vitest-environment node
/**
 * The bulk loader's fast first pass must never accept what the schema refuses, nor give a
 * different value: whatever it returns equals the schema's own parse, on valid rows and on rows
 * broken in every way a file can break them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Lead, Touch } from '../../lib/model';
import { compileObjectParser } from '../../server/fastparse';

/** Strings around the limits the model uses, in units and in code points. */
const edgyString = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc
    .constantFrom(1, 2, 127, 128, 129, 199, 200, 201, 255, 256, 499, 500, 501, 2049)
    .chain((n) => fc.constantFrom('a', 'é', '😀', '-', ' ', ':').map((ch) => ch.repeat(n))),
  fc.constantFrom(
    '',
    'L1',
    'marketo:1',
    '-leading',
    'a b',
    'a\u0000b',
    '\ud800',
    '😀',
    'https://example.com/x',
    'javascript:alert(1)',
    'email_opened',
    'EMAIL_OPENED',
    'web',
    'marketo',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const anyValue = fc.oneof(
  edgyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    1e21,
    Infinity,
    NaN,
  ),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

const validTouch = fc.record({
  id: fc.string({ minLength: 1, maxLength: 200 }),
  leadKey: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
  at: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  type: fc.constantFrom(...Touch.shape.type.options),
  channel: fc.constantFrom(...Touch.shape.channel.options),
  campaignId: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/), {
    nil: undefined,
  }),
  detail: fc.option(fc.string({ maxLength: 500 }), { nil: undefined }),
  url: fc.option(fc.constantFrom('https://example.com/a', 'http://x.example/?q=1', 'ftp://x'), {
    nil: undefined,
  }),
  source: fc.constantFrom(...Touch.shape.source.options),
  sourceId: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
  botSuspect: fc.option(fc.boolean(), { nil: undefined }),
});

/** A valid touch with some fields replaced, removed or added. */
const mutatedTouch = fc
  .tuple(
    validTouch,
    fc.array(
      fc.tuple(
        fc.constantFrom(
          ...Object.keys(Touch.shape),
          'extra',
          '__proto__',
          'constructor',
          'toString',
        ),
        fc.oneof(anyValue, fc.constant('<delete>')),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([touch, changes]) => {
    const o: Record<string, unknown> = JSON.parse(JSON.stringify(touch)) as Record<string, unknown>;
    for (const [k, v] of changes) {
      if (v === '<delete>') delete o[k];
      else
        Object.defineProperty(o, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return o;
  });

/** A valid touch with one text field at, just under or just over its length limit. */
const boundaryTouch = fc
  .tuple(
    validTouch,
    fc.constantFrom(
      ['id', 200],
      ['leadKey', 128],
      ['campaignId', 128],
      ['detail', 500],
      ['sourceId', 200],
      ['id', 1],
    ),
    fc.integer({ min: -1, max: 1 }),
    fc.constantFrom('a', '😀', 'é'),
  )
  .map(([touch, [key, limit], delta, ch]) => {
    const n = Math.max(0, (limit as number) + delta);
    // Astral characters are two UTF-16 units: half as many reach the same length in units.
    const text = ch === '😀' ? ch.repeat(Math.ceil(n / 2)) : ch.repeat(n);
    return { ...touch, [key as string]: text };
  });

function agreesWithSchema<S extends z.ZodType>(schema: S, value: unknown) {
  const fast = compileObjectParser(schema);
  const out = fast(value);
  if (out === undefined) return;
  const r = schema.safeParse(value);
  expect(r.success, JSON.stringify(value)).toBe(true);
  expect(out).toEqual(r.data);
}

describe('compileObjectParser', () => {
  const fastTouch = compileObjectParser(Touch);

  it('vouches only for touches the schema accepts, with the schema’s value', () => {
    fc.assert(
      fc.property(fc.oneof(validTouch, mutatedTouch, boundaryTouch, anyValue), (value) => {
        const out = fastTouch(value);
        if (out === undefined) return;
        const r = Touch.safeParse(value);
        expect(r.success, JSON.stringify(value)).toBe(true);
        expect(out).toEqual(r.data);
      }),
      { numRuns: 5000 },
    );
  });

  it('vouches for ordinary valid touches, so the fast path is the one taken', () => {
    let vouched = 0;
    fc.assert(
      fc.property(validTouch, (t) => {
        // Plain ASCII ids longer than one character and no url: nothing left to the schema.
        const plain = { ...t, id: `t-${t.leadKey}`, url: undefined };
        if (fastTouch(plain) !== undefined) vouched += 1;
      }),
      { numRuns: 200 },
    );
    expect(vouched).toBe(200);
  });

  it('fills defaults and drops unknown keys as the schema does', () => {
    const raw = {
      id: 'marketo:1',
      leadKey: 'L1',
      at: 1_700_000_000_000,
      type: 'email_opened',
      channel: 'email',
      source: 'marketo',
      colour: 'red',
    };
    expect(fastTouch(raw)).toEqual(Touch.parse(raw));
    expect(fastTouch(raw)).not.toHaveProperty('colour');
    expect(fastTouch(raw)).toHaveProperty('botSuspect', false);
  });

  it('leaves what it cannot check to the schema (refinements, transforms, coercion, strict objects)', () => {
    const schema = z.object({
      upper: z.string().transform((s) => s.toUpperCase()),
      n: z.coerce.number().optional(),
      mail: z.email().optional(),
      long: z.string().min(3),
    });
    fc.assert(
      fc.property(
        fc.record({
          upper: anyValue,
          n: fc.oneof(anyValue, fc.constantFrom('12', ' 7 ')),
          mail: fc.oneof(anyValue, fc.constantFrom('a@b.example', 'nope')),
          long: fc.oneof(anyValue, fc.constantFrom('abc', '😀😀', '😀😀😀')),
        }),
        (value) => agreesWithSchema(schema, value),
      ),
      { numRuns: 2000 },
    );
    expect(compileObjectParser(schema)({ upper: 'abc', n: '5', long: 'abcdef' })).toEqual({
      upper: 'ABC',
      n: 5,
      long: 'abcdef',
    });
    expect(compileObjectParser(z.strictObject({ a: z.string() }))({ a: 'x' })).toBeUndefined();
  });

  it('agrees with the schema on leads too (nested fields go to the schema)', () => {
    const validLead = fc.record({
      key: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
      email: fc.option(fc.constantFrom('a@b.example', 'not an email'), { nil: undefined }),
      updatedAt: fc.integer({ min: 0, max: 2 ** 45 }),
      crmRefs: fc.option(
        fc.array(
          fc.record({
            crm: fc.constantFrom('salesforce', 'hubspot', 'nope'),
            tenant: fc.constantFrom('acme', ''),
            objectType: fc.constantFrom('lead', 'contact'),
            recordId: fc.constantFrom('00Q5e00000AbCdEFGH', ''),
          }),
          { maxLength: 2 },
        ),
        { nil: undefined },
      ),
      stage: fc.option(fc.constantFrom('lead', 'mql', 'sql', 'zzz'), { nil: undefined }),
    });
    fc.assert(
      fc.property(validLead, (value) => agreesWithSchema(Lead, value)),
      { numRuns: 1000 },
    );
  });
});
