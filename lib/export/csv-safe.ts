/**
 * CSV cells that a spreadsheet will not run. A cell starting with "=", "+", "-", "@", a tab or a
 * carriage return is read as a formula by Excel, Sheets and LibreOffice (CSV injection), so such
 * cells get a leading apostrophe, which spreadsheets show as text. Used by every CSV Tandem
 * writes (exports here, the dashboard's downloads).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet shows and never evaluates. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralized, then quoted when it holds a delimiter, quote or line break. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = neutralizeCell(typeof value === 'string' ? value : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
