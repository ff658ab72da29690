/**
 * Draws the demo seed's pictures: `npx tsx scripts/seed/pictures/generate.ts`. Each is a hand-made SVG (motifs.ts)
 * on its category's colours, rendered by the Debian chromium (playwright-core) and encoded as WebP by its canvas:
 * product photos 320×320 per kind of thing, store logos 200×200 per store. Run again after changing a motif or the
 * catalogue; the files are committed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CATEGORIES } from '@daojia/domain';
import { CATALOG } from '../catalog';
import { PICTURES_DIR, productPicturePath, storeLogoPath } from '../pictures';
import { MOTIFS, PALETTE, motifOf } from './motifs';

const productSvg = (motif: string, category: string) => {
  const p = PALETTE[category];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 240 240">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.from}"/><stop offset="1" stop-color="${p.to}"/></linearGradient></defs>
<rect width="240" height="240" fill="url(#g)"/><circle cx="200" cy="36" r="60" fill="#ffffff" opacity=".18"/><circle cx="30" cy="220" r="50" fill="#ffffff" opacity=".14"/>
<ellipse cx="120" cy="214" rx="90" ry="10" fill="#000000" opacity=".08"/><g transform="translate(18 14) scale(.85)">${MOTIFS[motif]}</g></svg>`;
};

const logoSvg = (name: string, category: string, motif: string) => {
  const p = PALETTE[category];
  const char = [...name][0];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 240 240">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.to}"/><stop offset="1" stop-color="${p.badge}"/></linearGradient></defs>
<rect width="240" height="240" fill="url(#g)"/><circle cx="186" cy="186" r="92" fill="#ffffff" opacity=".16"/>
<g transform="translate(128 128) scale(.44)" opacity=".95">${MOTIFS[motif]}</g>
<text x="22" y="124" font-family="WenQuanYi Zen Hei, sans-serif" font-size="108" font-weight="700" fill="#ffffff">${char}</text>
<rect x="22" y="150" width="96" height="8" rx="4" fill="#ffffff" opacity=".7"/></svg>`;
};

async function main() {
  const jobs: { file: string; svg: string; size: number }[] = [];
  const products = new Map<string, string>();
  for (const category of CATEGORIES) {
    CATALOG[category].forEach((t, i) => {
      jobs.push({ file: storeLogoPath(category, i), svg: logoSvg(t.name, category, motifOf(t.products[0][0], t.products[0][2])), size: 200 });
      // A picture shared across kinds of store (an egg at a noodle shop and a grocer's) takes the first kind's colours.
      for (const [name, , categoryName] of t.products) if (!products.has(productPicturePath(name, categoryName))) products.set(productPicturePath(name, categoryName), category);
    });
  }
  for (const [file, category] of products) jobs.push({ file, svg: productSvg(path.basename(file, '.webp'), category), size: 320 });

  for (const dir of ['stores', 'products']) {
    rmSync(path.join(PICTURES_DIR, dir), { recursive: true, force: true });
    mkdirSync(path.join(PICTURES_DIR, dir), { recursive: true });
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  let total = 0;
  for (const job of jobs) {
    const b64 = await page.evaluate(
      async ({ svg, size }) => {
        const img = new Image();
        img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = size;
        canvas.height = size;
        canvas.getContext('2d')!.drawImage(img, 0, 0, size, size);
        return canvas.toDataURL('image/webp', 0.72).split(',')[1];
      },
      { svg: job.svg, size: job.size },
    );
    const bytes = Buffer.from(b64, 'base64');
    total += bytes.length;
    writeFileSync(path.join(PICTURES_DIR, job.file.replace(/^seed\//, '')), bytes);
  }
  await browser.close();
  process.stdout.write(`${jobs.length} pictures, ${Math.round(total / 1024)} KB\n`);
}

void main();
