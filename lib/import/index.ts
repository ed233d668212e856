/**
 * Imports: one entry point for every file. JSON (a bundle, or personas, assets and campaigns)
 * or CSV (a platform export or any CSV with a column mapping), told apart by content, not by
 * the file name.
 */
import { sniffEncoding, StreamDecoder } from './decode';
import { MAX_JSON_BYTES, runJsonImport } from './json';
import { previewCsv, problemOf, runCsvImport, type ByteSource, type RunOptions } from './pipeline';
import { emptyCounts, FileRefused, type FilePreview, type ImportOutcome } from './types';

export { bytesSource, type ByteSource, type Progress, type RunOptions } from './pipeline';
export * from './types';

function isJson(source: ByteSource, fileName = ''): boolean {
  if (/\.json$/i.test(fileName)) return true;
  const head = source.read(0, Math.min(source.size, 4096));
  const { encoding } = sniffEncoding(head);
  const text = new StreamDecoder(encoding).decode(head, head.length >= source.size);
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[';
}

function readAllText(source: ByteSource): string {
  if (source.size > MAX_JSON_BYTES) throw new FileRefused('importErrJsonTooLarge');
  const bytes = source.read(0, source.size);
  const { encoding } = sniffEncoding(bytes);
  return new StreamDecoder(encoding).decode(bytes, true);
}

export function previewFile(source: ByteSource, fileName = ''): FilePreview {
  if (source.size === 0) throw new FileRefused('importErrEmpty');
  if (isJson(source, fileName)) return { format: 'json', header: [], rows: [] };
  return previewCsv(source);
}

export async function runImport(source: ByteSource, opts: RunOptions): Promise<ImportOutcome> {
  let json: boolean;
  try {
    if (source.size === 0) throw new FileRefused('importErrEmpty');
    json = isJson(source, opts.fileName);
  } catch (error) {
    return {
      status: 'failed',
      counts: emptyCounts(),
      rejects: [],
      problem: problemOf(error),
      ms: 0,
    };
  }
  if (!json) return runCsvImport(source, opts);
  let text: string;
  try {
    text = readAllText(source);
  } catch (error) {
    return runJsonImport('', { ...opts }).then((o) => ({ ...o, problem: problemOf(error) }));
  }
  return runJsonImport(text, opts);
}
