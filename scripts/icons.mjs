// Renders the app icon (build/icon.svg) into every file the installers need, with Chromium
// (playwright-core, the one PDF printing uses). Run after changing the SVG; the outputs are
// committed, so packaging needs no image tools:
//   build/icon.png            1024 px: macOS and the fallback of every target
//   build/icons/NxN.png       16–1024 px: Linux (AppImage, deb) hicolor sizes
//   build/icon.ico            16–256 px PNG entries: Windows (NSIS, portable, the exe)
//   build/icon.icns           16–1024 px PNG entries: macOS (dmg, the .app)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const build = fileURLToPath(new URL('../build/', import.meta.url));
const svg = readFileSync(path.join(build, 'icon.svg'), 'utf8');
const LINUX = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO = [16, 24, 32, 48, 64, 128, 256];
// ICNS types holding PNG data, by pixel size (Apple's icon family types).
const ICNS = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

const browser = await chromium.launch({
  executablePath: process.env.SAIL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
const pngs = new Map();
for (const size of new Set([...LINUX, ...ICO])) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  pngs.set(size, await page.screenshot({ omitBackground: true }));
}
await browser.close();

mkdirSync(path.join(build, 'icons'), { recursive: true });
for (const size of LINUX)
  writeFileSync(path.join(build, 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(path.join(build, 'icon.png'), pngs.get(1024));

// ICO: a directory of entries, each a whole PNG (Windows Vista and later read PNG entries).
const entries = ICO.map((size) => pngs.get(size));
const header = Buffer.alloc(6 + 16 * entries.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(entries.length, 4);
let offset = header.length;
ICO.forEach((size, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
  header.writeUInt8(size >= 256 ? 0 : size, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(entries[i].length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += entries[i].length;
});
writeFileSync(path.join(build, 'icon.ico'), Buffer.concat([header, ...entries]));

// ICNS: 'icns', total length, then (type, length including its 8-byte head, PNG) chunks.
const chunks = ICNS.map(([type, size]) => {
  const png = pngs.get(size) ?? pngs.get(1024);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([head, png]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
writeFileSync(path.join(build, 'icon.icns'), Buffer.concat([icnsHead, ...chunks]));
console.log(`icons written to ${build}`);
