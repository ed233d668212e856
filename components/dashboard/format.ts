/** Number and date formatting of the dashboard (plain Intl). */

export const percent = (rate: number | null): string =>
  rate === null ? '–' : `${Math.round(rate * 100)}%`;

export const count = (n: number): string => n.toLocaleString();

export function date(at: number | undefined, timeZone: string): string {
  if (at === undefined) return '–';
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone,
  }).format(at);
}

export function weekLabel(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone }).format(
    at,
  );
}

/** Saves text as a file through a temporary link (no extension API needed). */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
