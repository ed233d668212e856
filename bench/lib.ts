/** Shared pieces of the benchmarks: percentiles and the result rows PRODUCT.md specifies. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ResultRow {
  name: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
}

export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function row(
  name: string,
  metric: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: string | null,
): ResultRow {
  return {
    name,
    metric,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    target,
  };
}

/** Writes bench/results/NAME.json and prints the rows. */
export function report(name: string, rows: ResultRow[]): void {
  const dir = resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${name}.json`), JSON.stringify(rows, null, 2) + '\n');
  console.log(`\n${name}`);
  for (const r of rows) {
    const base = r.baseline === null ? '' : `  baseline ${r.baseline} ${r.unit}  ratio ${r.ratio}`;
    console.log(
      `  ${r.metric.padEnd(14)} ${String(r.value).padStart(10)} ${r.unit}${base}  target ${r.target ?? '-'}`,
    );
  }
}
