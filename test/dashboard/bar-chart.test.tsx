import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BarChart } from '../../components/dashboard/BarChart';

afterEach(cleanup);

/** The value axis's tick labels (the svg's text outside the bars' own labels). */
function valueTicks(testId: string, horizontal: boolean): string[] {
  const axis = screen
    .getByTestId(testId)
    .querySelectorAll(`.visx-axis-${horizontal ? 'bottom' : 'left'} .visx-axis-tick text`);
  return [...axis].map((t) => t.textContent ?? '');
}

describe('bar chart', () => {
  for (const horizontal of [false, true]) {
    const kind = horizontal ? 'horizontal' : 'vertical';
    it(`labels a ${kind} count axis with whole numbers only, even on a nearly empty chart`, () => {
      render(
        <BarChart
          title="Copies"
          categories={['a', 'b', 'c']}
          series={[{ label: 'Copied', values: [0, 1, 0] }]}
          horizontal={horizontal}
          testId="c"
        />,
      );
      const ticks = valueTicks('c', horizontal);
      expect(ticks).toEqual(['0', '1']);
    });

    it(`labels a ${kind} axis of thousands with grouped whole numbers`, () => {
      render(
        <BarChart
          title="Copies"
          categories={['a', 'b']}
          series={[{ label: 'Copied', values: [1200, 4800] }]}
          horizontal={horizontal}
          testId="c"
        />,
      );
      const ticks = valueTicks('c', horizontal);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks[0]).toBe('0');
      expect(ticks.every((t) => /^\d{1,3}(,\d{3})*$/.test(t))).toBe(true);
      expect(ticks.at(-1)).toMatch(/^[45],\d{3}$/);
    });
  }
});
