/**
 * A fast first pass over a zod object schema, for bulk ingestion (a million rows per request):
 * compiled once from the schema's own definition into one function of plain checks, it returns
 * the parsed value when it can tell the value is valid, and undefined whenever it cannot. The
 * caller then parses with the schema itself, which decides and words every rejection, so the
 * pass may be stricter than the schema, never looser: whatever it does not understand (a
 * refinement, a format it does not know, a string whose length in code points may differ from
 * its length) goes to the schema.
 *
 * The function is generated source (property reads by literal name are what make it several
 * times quicker than zod's general path); nothing from input goes into that source: keys are
 * the schema's, written as JSON strings, and every constant is passed in as an argument.
 */
import type { z } from 'zod';

/** Internals of zod 4 schemas that the compiler reads (the `_zod.def` of each kind it handles). */
interface Def {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDef } }[];
  entries?: Record<string, unknown>;
  innerType?: Schema;
  defaultValue?: unknown;
  shape?: Record<string, Schema>;
  catchall?: unknown;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
}
interface Schema {
  _zod: { def: Def };
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

const FAIL = Symbol('fail');

/**
 * Whether a definition holds nothing but `keys`: a schema or check with anything more (a string
 * schema that is itself a format such as z.email(), a custom error, a refinement) is not one this
 * pass knows, whatever its `type` says.
 */
function only(def: object, keys: readonly string[]): boolean {
  return Object.entries(def).every(([k, v]) => v === undefined || keys.includes(k));
}

class Source {
  readonly args: unknown[] = [];
  /** Passes `value` into the generated function; returns the name it has there. */
  constant(value: unknown): string {
    this.args.push(value);
    return `k${this.args.length - 1}`;
  }
}

/** The condition for one string check on `v`, or null when it is not one this pass knows. */
function stringCondition(c: CheckDef, src: Source): string | null {
  const { minimum, maximum } = c;
  if (!only(c, ['check', 'minimum', 'maximum', 'when', 'format', 'pattern', 'error', 'abort'])) {
    return null;
  }
  if (c.check === 'max_length' && typeof maximum === 'number') {
    // Code points never outnumber UTF-16 units: within the limit in units is within it.
    return `v.length <= ${src.constant(maximum)}`;
  }
  if (c.check === 'min_length' && typeof minimum === 'number') {
    // At least twice the minimum in units is at least the minimum in code points; for a
    // minimum of 1, any non-empty string.
    return minimum === 1 ? `v !== ''` : `v.length >= ${src.constant(2 * minimum)}`;
  }
  if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) {
    const re = src.constant(c.pattern);
    return `(${re}.lastIndex = 0, ${re}.test(v))`;
  }
  return null;
}

function numberCondition(c: CheckDef, src: Source): string | null {
  if (!only(c, ['type', 'check', 'format', 'value', 'inclusive', 'error', 'abort'])) return null;
  if (c.check === 'number_format' && c.format === 'safeint') return 'Number.isSafeInteger(v)';
  if ((c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number') {
    const op = (c.check === 'greater_than' ? '>' : '<') + (c.inclusive ? '=' : '');
    return `v ${op} ${src.constant(c.value)}`;
  }
  return null;
}

/**
 * Statements that check `v` against one field's schema and leave its parsed value in `v`
 * (returning undefined when this pass cannot vouch for it).
 */
function fieldCode(schema: Schema, src: Source): string {
  const def = schema._zod.def;
  const viaSchema = () => {
    const parse = src.constant((value: unknown) => {
      const r = schema.safeParse(value);
      return r.success ? r.data : FAIL;
    });
    return `v = ${parse}(v); if (v === FAIL) return undefined;`;
  };
  const when = (conditions: string[]) => `if (!(${conditions.join(' && ')})) return undefined;`;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.type === 'string' || def.type === 'number') {
    if (!only(def, ['type', 'checks'])) return viaSchema();
    const conditions = checks.map((c) =>
      def.type === 'string' ? stringCondition(c, src) : numberCondition(c, src),
    );
    if (conditions.some((c) => c === null)) return viaSchema();
    return when(
      def.type === 'string'
        ? [`typeof v === 'string'`, ...(conditions as string[])]
        : [`typeof v === 'number'`, 'Number.isFinite(v)', ...(conditions as string[])],
    );
  }
  if (def.type === 'boolean' && only(def, ['type'])) return when([`typeof v === 'boolean'`]);
  if (def.type === 'enum' && def.entries && only(def, ['type', 'entries'])) {
    const entries = Object.entries(def.entries);
    // Plain string enums only (a TypeScript numeric enum maps values back to names).
    if (!entries.every(([k, v]) => k === v)) return viaSchema();
    return when([`${src.constant(new Set(entries.map(([, v]) => v)))}.has(v)`]);
  }
  return viaSchema();
}

/**
 * Compiles `schema` (a z.object that strips unknown keys) into a function giving what
 * `schema.parse` would (unknown keys dropped, defaults filled in) when the value is certainly
 * valid, else undefined: then parse it with the schema.
 */
export function compileObjectParser<S extends z.ZodType>(
  schema: S,
): (value: unknown) => z.infer<S> | undefined {
  const never = () => undefined;
  const top = (schema as unknown as Schema)._zod.def;
  if (top.type !== 'object' || !top.shape || !only(top, ['type', 'shape'])) return never;
  const src = new Source();
  const body: string[] = [
    `if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;`,
    'const out = {};',
    'let v;',
  ];
  for (const [key, field] of Object.entries(top.shape)) {
    const def = field._zod.def;
    const name = JSON.stringify(key);
    // Read as the schema reads it (own or inherited), so both see the same value.
    body.push(`v = o[${name}];`);
    if (def.type === 'optional' || def.type === 'default') {
      if (!def.innerType || !only(def, ['type', 'innerType', 'defaultValue'])) return never;
      let absent = '';
      if (def.type === 'default') {
        // Only a primitive default can be handed out as it is.
        if (def.defaultValue === null || typeof def.defaultValue === 'object') return never;
        absent = `out[${name}] = ${src.constant(def.defaultValue)};`;
      }
      body.push(
        `if (v === undefined) { ${absent} } else { ${fieldCode(def.innerType, src)} out[${name}] = v; }`,
      );
    } else {
      body.push(
        `if (v === undefined) return undefined;`,
        fieldCode(field, src),
        `out[${name}] = v;`,
      );
    }
  }
  body.push('return out;');
  const names = src.args.map((_, i) => `k${i}`);
  try {
    const make = new Function('FAIL', ...names, `return function (o) { ${body.join('\n')} };`) as (
      ...args: unknown[]
    ) => (value: unknown) => z.infer<S> | undefined;
    return make(FAIL, ...src.args);
  } catch {
    // Code generation refused (--disallow-code-generation-from-strings): the schema decides.
    return never;
  }
}
