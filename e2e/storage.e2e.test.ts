import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'esbuild';
import { browserSdkBundle, startHarness, watchPage, type Harness } from './lib/harness';
import { until } from './lib/poll';
import { PICTURES_DIR } from '../scripts/seed/pictures';

/**
 * Cloud storage in a real browser: js-sdk's own upload (XHR PUT of a File, which Node tests cannot exercise) and
 * temp URLs against the local cloud's rules; and the consumer H5 showing the seed's pictures (store logos on the
 * nearby cards, product photos on the menu) through CloudImage.
 */
let h: Harness;
let sdkBundle: string;
beforeAll(async () => {
  h = await startHarness();
  sdkBundle = await browserSdkBundle();
});
afterAll(async () => h?.close());

/** Every <img> matching `selector` that has loaded a picture (decoded, with a size). */
const loadedImages = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => els.map((el) => el.querySelector('img') ?? el).filter((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0).length);

test('js-sdk in Chromium uploads a File to the merchant’s own folder, not another’s; the URL shows the picture', async () => {
  const page = await (await h.browser.newContext()).newPage();
  const errors = watchPage(page);
  await page.goto(`${h.cloud.url}/dashboard/`);
  await page.addScriptTag({ content: sdkBundle });
  const picture = readFileSync(path.join(PICTURES_DIR, 'products', 'noodles.webp')).toString('base64');
  const result = await page.evaluate(
    async ({ picture }) => {
      const w = window as any;
      const app = w.cloudbase.init({ env: 'storage-browser-test' });
      app.registerHost(location.host, 'http');
      const auth = app.auth({ persistence: 'local' });
      const { ticket } = await (await fetch('/dev/ticket', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: 'demo-merchant-001' }) })).json();
      await auth.signInWithCustomTicket(async () => ticket);
      const file = new File([Uint8Array.from(atob(picture), (c) => c.charCodeAt(0))], 'noodles.webp', { type: 'image/webp' });
      const own = await app.uploadFile({ cloudPath: 'uploads/demo-merchant-001/products/e2e-noodles.webp', filePath: file });
      const other = await app.uploadFile({ cloudPath: 'uploads/demo-merchant-002/products/e2e.webp', filePath: file }).then(
        () => 'uploaded',
        (e: Error) => e.message,
      );
      const { fileList } = await app.getTempFileURL({ fileList: [own.fileID] });
      const img = document.createElement('img');
      img.src = fileList[0].tempFileURL;
      document.body.appendChild(img);
      await img.decode();
      return { fileID: own.fileID, other, width: img.naturalWidth };
    },
    { picture },
  );
  expect(result.fileID).toBe(`cloud://${h.cloud.envId}.${h.cloud.storage.bucket}/uploads/demo-merchant-001/products/e2e-noodles.webp`);
  expect(result.other).toMatch(/STORAGE_EXCEED_AUTHORITY/);
  expect(result.width).toBe(320);
  expect(h.cloud.storage.store.meta('uploads/demo-merchant-001/products/e2e-noodles.webp')).toMatchObject({ contentType: 'image/webp', openid: 'demo-merchant-001' });
  expect(errors).toEqual([]);
});

test('a phone photo too large for storage is scaled down and re-encoded in the browser before upload', async () => {
  const bundle = await build({
    stdin: { contents: "import { shrinkForUpload } from '../packages/app-kit/src/shrink'; window.shrinkForUpload = shrinkForUpload;", resolveDir: __dirname, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const page = await (await h.browser.newContext()).newPage();
  await page.goto(`${h.cloud.url}/dashboard/`);
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const r = await page.evaluate(async () => {
    // A 4000×3000 "photo" of noise: as PNG it is far over 2 MB, as a phone's camera file would be.
    const c = document.createElement('canvas');
    c.width = 4000;
    c.height = 3000;
    const ctx = c.getContext('2d')!;
    const img = ctx.createImageData(4000, 3000);
    for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : (i * 2654435761) >>> 24;
    ctx.putImageData(img, 0, 0);
    const big = await new Promise<Blob>((res) => c.toBlob((b) => res(b!), 'image/png'));
    const small: Blob | undefined = await (window as any).shrinkForUpload(big, 2 * 1024 * 1024);
    const bitmap = small ? await createImageBitmap(small) : undefined;
    return { bigBytes: big.size, smallBytes: small?.size, type: small?.type, width: bitmap?.width, height: bitmap?.height };
  });
  expect(r.bigBytes).toBeGreaterThan(2 * 1024 * 1024);
  expect(r.type).toBe('image/jpeg');
  expect(r.smallBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  expect(Math.max(r.width!, r.height!)).toBeLessThanOrEqual(1600);
  expect(r.width! / r.height!).toBeCloseTo(4 / 3, 2);
});

test('consumer H5: nearby store cards show their logos and the store page its product photos', async () => {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const c = await context.newPage();
  const errors = watchPage(c);
  await c.goto(h.urls.consumer);
  await c.click('#login-demo-consumer-1');
  await c.waitForSelector('#store-card-store-001');
  await until(
    () => loadedImages(c, '#store-list .store-logo'),
    (n) => n >= 5,
    'store logos',
  );
  await c.screenshot({ path: '/tmp/storage-consumer-nearby.png' });
  await c.click('#store-card-store-001');
  await c.waitForSelector('#store-name');
  await until(
    () => loadedImages(c, '.product-thumb'),
    (n) => n >= 3,
    'product photos',
  );
  await c.screenshot({ path: '/tmp/storage-consumer-store.png' });
  expect(errors).toEqual([]);
});
