// Draws the Excel add-in's icons (addin/assets/icon-16.png … icon-80.png): a teal rounded square with two white table
// rows and a white check mark. No image library: shapes are sampled 8×8 per pixel for smooth edges and written with a
// minimal PNG encoder (RGBA, filter 0, node:zlib). The output is deterministic and committed; rerun after a change:
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'addin', 'assets');
export const SIZES = [16, 32, 64, 80];

const BACKGROUND = [0x0f, 0x6e, 0x56];
const FOREGROUND = [0xff, 0xff, 0xff];
const SAMPLES = 8;

// Shapes in unit coordinates (0..1, y down).
const insideRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const distanceToSegment = (x, y, [ax, ay], [bx, by]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
};
const CHECK = [
  [0.3, 0.63],
  [0.45, 0.78],
  [0.8, 0.42],
];
const insideBackground = (x, y) => insideRoundedRect(x, y, 0.03, 0.03, 0.97, 0.97, 0.18);
const insideForeground = (x, y) =>
  insideRoundedRect(x, y, 0.2, 0.2, 0.8, 0.28, 0.04) ||
  insideRoundedRect(x, y, 0.2, 0.36, 0.55, 0.44, 0.04) ||
  distanceToSegment(x, y, CHECK[0], CHECK[1]) <= 0.065 ||
  distanceToSegment(x, y, CHECK[1], CHECK[2]) <= 0.065;

/** RGBA pixels of one icon. */
export function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!insideBackground(x, y)) continue;
          bg++;
          if (insideForeground(x, y)) fg++;
        }
      }
      const alpha = bg / SAMPLES ** 2;
      const mix = bg ? fg / bg : 0;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[o + c] = Math.round(BACKGROUND[c] * (1 - mix) + FOREGROUND[c] * mix);
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A PNG file: 8-bit RGBA, no interlace, every scanline with filter type 0. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(OUT, { recursive: true });
  for (const size of SIZES) {
    const file = join(OUT, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    console.log(`wrote ${file}`);
  }
}
