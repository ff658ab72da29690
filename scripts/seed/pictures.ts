import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Category } from '@daojia/domain';
import { motifOf } from './pictures/motifs';

/**
 * The demo city's pictures: shipped in the repo (scripts/seed/pictures/, drawn by pictures/generate.ts from the hand-made
 * SVG in pictures/motifs.ts, no third-party artwork), uploaded by the seed into cloud storage under seed/, so store
 * logos and product photos are cloud file ids like a merchant's own uploads.
 */
export const PICTURES_DIR = path.join(__dirname, 'pictures');

/** A store's logo: one per catalogue template (category and its place in the category's list). */
export const storeLogoPath = (category: Category, index: number) => `seed/stores/${category}-${String(index + 1).padStart(2, '0')}.webp`;

/** A product's photo: one per kind of thing (noodles, milk tea, a haircut…), chosen from its name and menu category. */
export const productPicturePath = (name: string, categoryName: string) => `seed/products/${motifOf(name, categoryName)}.webp`;

/** Every shipped picture, as the cloud path it is uploaded to and the file it comes from. */
export function seedPictureFiles(): { cloudPath: string; file: string }[] {
  return ['stores', 'products'].flatMap((dir) =>
    readdirSync(path.join(PICTURES_DIR, dir))
      .filter((f) => f.endsWith('.webp'))
      .sort()
      .map((f) => ({ cloudPath: `seed/${dir}/${f}`, file: path.join(PICTURES_DIR, dir, f) })),
  );
}
