#!/usr/bin/env node
// Renders resources/icon.svg into the icon files the installers use:
//   resources/icon.png            1024x1024, the master (electron-builder turns it into .icns on macOS)
//   resources/icons/NxN.png       Linux icon set
//   resources/icon.ico            Windows: 16..128 as 32-bit bitmaps, 256 as PNG
// Run: node scripts/make-icons.mjs   (re-run and commit the results after editing icon.svg)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import sharp from 'sharp';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = await readFile(path.join(resources, 'icon.svg'));

/** Rasterises the SVG straight at the wanted size, so edges stay crisp when small. */
function render(size) {
  return sharp(svg, { density: (72 * size) / 1024 }).resize(size, size).ensureAlpha();
}

async function png(size) {
  return render(size).png({ compressionLevel: 9 }).toBuffer();
}

/** A 32-bit BGRA device-independent bitmap as stored inside an ICO (height doubled, AND mask after). */
async function dib(size) {
  const rgba = await render(size).raw().toBuffer();
  const maskStride = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskStride * size);
  out.writeUInt32LE(40, 0); // header size
  out.writeInt32LE(size, 4); // width
  out.writeInt32LE(size * 2, 8); // height of colour + mask
  out.writeUInt16LE(1, 12); // planes
  out.writeUInt16LE(32, 14); // bits per pixel
  out.writeUInt32LE(out.length - 40, 20); // image size (compression 0 = BI_RGB)
  const maskAt = 40 + size * size * 4;
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y; // bitmaps are stored bottom-up
    for (let x = 0; x < size; x++) {
      const src = (y * size + x) * 4;
      const dst = 40 + (row * size + x) * 4;
      out[dst] = rgba[src + 2];
      out[dst + 1] = rgba[src + 1];
      out[dst + 2] = rgba[src];
      out[dst + 3] = rgba[src + 3];
      if (rgba[src + 3] === 0) out[maskAt + row * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** ICONDIR header + one 16-byte entry per image + the payloads. */
async function ico(sizes) {
  const images = await Promise.all(sizes.map((s) => (s >= 256 ? png(s) : dib(s))));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    header[at] = size >= 256 ? 0 : size; // 0 means 256
    header[at + 1] = size >= 256 ? 0 : size;
    header[at + 2] = 0; // palette colours
    header[at + 3] = 0; // reserved
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

await mkdir(path.join(resources, 'icons'), { recursive: true });
await writeFile(path.join(resources, 'icon.png'), await png(1024));
for (const size of LINUX_SIZES) {
  await writeFile(path.join(resources, 'icons', `${size}x${size}.png`), await png(size));
}
await writeFile(path.join(resources, 'icon.ico'), await ico(ICO_SIZES));
console.log(`icons written to ${resources}`);
