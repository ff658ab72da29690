import { readFileSync, statSync } from 'node:fs';
import tcb from '@cloudbase/node-sdk';
import { parseFileId } from '@daojia/domain';
import { startTestCloud, useLocalCloudEnv, type LocalCloud } from '@daojia/local-cloud';
import { buildDemoData, seedDemo } from './seed';
import { seedPictureFiles } from './seed/pictures';

/**
 * The demo city is not text-only: every store has a logo and every product a photo, shipped in the repo as small
 * WebP files, uploaded by the seed into cloud storage and referenced by the file ids the uploads answered.
 */
const files = seedPictureFiles();

test('the shipped pictures are small WebP files, well under a megabyte together', () => {
  const sizes = files.map((f) => statSync(f.file).size);
  expect(files.length).toBeGreaterThan(60);
  expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(400 * 1024);
  for (const f of files) {
    const head = readFileSync(f.file).subarray(0, 12);
    expect([f.cloudPath, head.subarray(0, 4).toString('latin1'), head.subarray(8, 12).toString('latin1')]).toEqual([f.cloudPath, 'RIFF', 'WEBP']);
  }
});

test('every store logo and product photo names a shipped picture; stores of a kind differ', () => {
  const shipped = new Set(files.map((f) => f.cloudPath));
  const data = buildDemoData();
  const pathOf = (id: unknown) => parseFileId(String(id))?.path;
  for (const s of data.stores) expect([s._id, shipped.has(pathOf(s.logo)!)]).toEqual([s._id, true]);
  for (const p of data.products) {
    expect([p._id, shipped.has(pathOf(p.image)!)]).toEqual([p._id, true]);
    expect(p.images).toEqual([p.image]);
  }
  expect(new Set(data.stores.map((s) => s.logo)).size).toBe(data.stores.length);
  // A noodle shop's noodles and a salon's haircut do not share a picture.
  const image = (name: string) => String(data.products.find((p) => p.name === name)!.image);
  expect(image('招牌红烧牛肉面')).toMatch(/noodles\.webp$/);
  expect(image('精剪造型')).toMatch(/scissors\.webp$/);
  expect(image('小面包车搬家')).toMatch(/truck\.webp$/);
});

describe('seeded into a local cloud', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
    await seedDemo(cloud);
  }, 120_000);
  afterAll(async () => {
    await cloud.close();
  });

  test('logos and photos are file ids of uploaded pictures, served as images', async () => {
    useLocalCloudEnv(cloud);
    const app = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as never);
    const db = app.database();
    const { data: stores } = await db.collection('stores').where({ _id: 'store-001' }).get();
    const { data: products } = await db.collection('products').where({ storeId: 'store-001' }).limit(3).get();
    const ids = [stores[0].logo, ...products.map((p: { image: string }) => p.image)];
    expect(ids.every((id: string) => id.startsWith(`cloud://${cloud.envId}.`))).toBe(true);
    const { fileList } = await app.getTempFileURL({ fileList: ids });
    for (const f of fileList) {
      expect(f.code).toBe('SUCCESS');
      const res = await fetch(f.tempFileURL);
      expect([f.fileID, res.status, res.headers.get('content-type')]).toEqual([f.fileID, 200, 'image/webp']);
    }
    expect(cloud.storage.store.list().filter((f) => f.path.startsWith('seed/'))).toHaveLength(files.length);
  });
});
