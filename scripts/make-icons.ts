/**
 * Draws Tandem's toolbar icon (two linked rings on a teal tile) as PNGs in public/icon/.
 * Run with `node --import tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const S = 4; // supersampling per axis
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let tile = 0;
      let ring = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          // rounded square tile
          const r = 0.2;
          const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
          const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
          if (dx * dx + dy * dy <= r * r) tile++;
          // two rings
          const onRing = (cx: number) => {
            const d = Math.hypot(u - cx, v - 0.5);
            return d >= 0.16 && d <= 0.24;
          };
          if (onRing(0.38) || onRing(0.62)) ring++;
        }
      const t = tile / (S * S);
      const w = Math.min(ring / (S * S), t);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      // teal-700 (#0f766e) blended with white rings
      raw[o] = Math.round(15 * (1 - w) + 255 * w);
      raw[o + 1] = Math.round(118 * (1 - w) + 255 * w);
      raw[o + 2] = Math.round(110 * (1 - w) + 255 * w);
      raw[o + 3] = Math.round(255 * t);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
