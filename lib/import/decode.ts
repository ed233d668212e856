/**
 * Text decoding of imported files: finds the encoding from the first bytes (byte-order mark,
 * UTF-16 without one, UTF-8, else Windows-1252 as spreadsheet tools write it) and refuses what
 * is not text at all, with one message saying what the file looks like instead.
 */
import { FileRefused } from './types';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Signatures of files people pick by mistake, and what to tell them. */
const MAGIC: { bytes: number[]; key: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], key: 'importErrZip' }, // .xlsx, .zip
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], key: 'importErrXls' }, // legacy .xls
  { bytes: [0x25, 0x50, 0x44, 0x46], key: 'importErrBinary' }, // %PDF
  { bytes: [0x89, 0x50, 0x4e, 0x47], key: 'importErrBinary' }, // PNG
  { bytes: [0xff, 0xd8, 0xff], key: 'importErrBinary' }, // JPEG
  { bytes: [0x47, 0x49, 0x46, 0x38], key: 'importErrBinary' }, // GIF
  { bytes: [0x1f, 0x8b], key: 'importErrGzip' },
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b);
}

/** The encoding of a file from its first bytes (4 KiB is plenty). Throws FileRefused. */
export function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  // The first 64 KiB decide; UTF-8 broken further in is refused by the decoder as it streams.
  const head = bytes.subarray(0, 64 * 1024);
  if (head.length === 0) throw new FileRefused('importErrEmpty');
  for (const m of MAGIC) if (startsWith(head, m.bytes)) throw new FileRefused(m.key);
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without a mark: ASCII text has a zero in every other byte.
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven++;
    if (head[2 * i + 1] === 0) zeroOdd++;
  }
  if (pairs >= 2 && zeroOdd > pairs * 0.4 && zeroEven === 0)
    return { encoding: 'utf-16le', bom: 0 };
  if (pairs >= 2 && zeroEven > pairs * 0.4 && zeroOdd === 0)
    return { encoding: 'utf-16be', bom: 0 };
  if (head.includes(0)) throw new FileRefused('importErrBinary');
  // Control characters other than tab, CR, LF, FF are not in any text export.
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  if (control > 0) throw new FileRefused('importErrBinary');
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', bom: 0 };
}

/** Valid UTF-8, allowing a sequence cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length) return true;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}

/**
 * A streaming decoder: bytes in (in any chunking), text out. UTF-8 that turns out invalid
 * further into the file is refused rather than imported with replacement characters.
 */
export class StreamDecoder {
  private readonly decoder: TextDecoder;
  constructor(readonly encoding: Encoding) {
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  }
  decode(bytes: Uint8Array, final = false): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !final });
    } catch {
      throw new FileRefused('importErrEncoding');
    }
    if (text.includes('\u0000')) throw new FileRefused('importErrBinary');
    return text;
  }
}
