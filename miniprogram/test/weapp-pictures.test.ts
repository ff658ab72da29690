/**
 * @jest-environment jsdom
 *
 * Pictures in the consumer weapp build: WeChat's <image> loads a cloud file id itself, so store logos, product photos
 * and store photos reach the template as the `cloud://` ids the functions answer (no URL lookup), with WebP decoding on.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { bootApp, fakeWxCloud, openPage, untilText } from './lib/weapp-sim';
import { handlers } from './fixtures';

const APP_DIR = path.resolve(__dirname, '..');
const DIST = path.join(APP_DIR, 'dist/weapp');
const id = (p: string) => `cloud://prod-env.prod-bucket/seed/${p}`;

const withPictures: Record<string, (data: any) => unknown> = {
  ...handlers,
  'store.nearby': (d) => {
    const r = handlers['store.nearby'](d) as { stores: { _id: string }[] };
    return { ...r, stores: r.stores.map((s) => ({ ...s, logo: id(`stores/${s._id}.webp`) })) };
  },
  'store.detail': (d) => {
    const r = handlers['store.detail'](d) as { store: Record<string, unknown>; products: { _id: string }[] };
    return { ...r, store: { ...r.store, logo: id('stores/s1.webp'), photos: [id('products/noodles.webp')] }, products: r.products.map((p) => ({ ...p, image: id(`products/${p._id}.webp`) })) };
  },
};
const { cloud } = fakeWxCloud(withPictures);

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.js'))) execSync('npm run build:weapp', { cwd: APP_DIR, stdio: 'ignore' });
  bootApp(DIST, {
    cloud,
    getStorageSync: () => '',
    setStorageSync: () => {},
    getLocation: (opts: { success?: (r: unknown) => void }) => {
      const r = { latitude: 31.2304, longitude: 121.4737, errMsg: 'getLocation:ok' };
      opts?.success?.(r);
      return Promise.resolve(r);
    },
  });
}, 120_000);

/**
 * The pictures a page renders, read from the page's data (Taro's render tree): the simulator's <image> keeps no
 * attributes, so the tree is where the src WeChat would load shows. Each CloudImage node: its class and src.
 */
function pictures(page: unknown): { cl: string; src: string }[] {
  const out: { cl: string; src: string }[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as Record<string, unknown>;
    if (typeof node.cl === 'string' && node.cl.includes('cloud-image') && !node.cl.includes('cloud-image--empty')) {
      const src = Object.values(node).find((v) => typeof v === 'string' && v.startsWith('cloud://'));
      out.push({ cl: node.cl, src: String(src) });
    }
    for (const v of Object.values(node)) if (typeof v === 'object') walk(v);
  };
  walk((page as { data: unknown }).data);
  return out;
}

test('nearby cards show each store logo by its file id', async () => {
  const page = openPage(DIST, 'pages/index/index');
  await untilText(page.dom, '阿芳美甲');
  expect(pictures(page)).toEqual([
    { cl: 'cloud-image store-logo', src: id('stores/s1.webp') },
    { cl: 'cloud-image store-logo', src: id('stores/s2.webp') },
  ]);
});

test('the store page shows its logo, photos and each product photo by file id', async () => {
  const page = openPage(DIST, 'pages/store/index', { id: 's1' });
  await untilText(page.dom, '红烧牛肉面');
  const shown = pictures(page);
  expect(shown).toEqual(
    expect.arrayContaining([
      { cl: 'cloud-image store-logo', src: id('stores/s1.webp') },
      { cl: 'cloud-image store-photo', src: id('products/noodles.webp') },
      { cl: 'cloud-image product-thumb', src: id('products/p1.webp') },
      { cl: 'cloud-image product-thumb', src: id('products/p2.webp') },
    ]),
  );
  // Off-shelf products are not on the menu, so neither is their photo.
  expect(shown.map((p) => p.src)).not.toContain(id('products/p3.webp'));
});
