import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FILE_LIMITS, fileTypeOf, isOwnUpload, isSeedFile, isValidCloudPath, newUploadPath, parseFileId, uploadPrefix } from '../src/files';

const ROOT = path.resolve(__dirname, '../../..');

test('the limits the apps check are the ones the storage enforces (storage-rules.json)', () => {
  const rules = JSON.parse(readFileSync(path.join(ROOT, 'storage-rules.json'), 'utf8'));
  expect(rules.limits).toEqual(FILE_LIMITS);
});

test('file ids are cloud://<env>.<bucket>/<path>; anything else is not one', () => {
  expect(parseFileId('cloud://daojia-local.stor-daojia-local/uploads/u1/a.jpg')).toEqual({ env: 'daojia-local', bucket: 'stor-daojia-local', path: 'uploads/u1/a.jpg' });
  for (const bad of ['https://x.com/a.jpg', 'cloud://nodot/a.jpg', 'cloud://e.b/', 'cloud://e.b/../etc/passwd', 'cloud://e.b/a//b.jpg', 'cloud://e.b/a\\b.jpg', ''])
    expect(parseFileId(bad)).toBeUndefined();
});

test('paths: relative segments of safe characters only', () => {
  expect(isValidCloudPath('uploads/u1/products/x-1.jpg')).toBe(true);
  for (const bad of ['/abs.jpg', 'a/../b.jpg', './a.jpg', 'a/./b.jpg', 'a b.jpg', '..', 'a\\b.jpg', 'x'.repeat(256), '%2e%2e/a.jpg']) expect([bad, isValidCloudPath(bad)]).toEqual([bad, false]);
});

test('types and sizes come from the extension', () => {
  expect(fileTypeOf('a/B.JPG')).toEqual({ kind: 'image', ext: 'jpg', contentType: 'image/jpeg', maxBytes: 2 * 1024 * 1024 });
  expect(fileTypeOf('menu.xlsx')?.kind).toBe('spreadsheet');
  expect(fileTypeOf('menu.csv')?.maxBytes).toBe(5 * 1024 * 1024);
  expect(fileTypeOf('page.html')).toBeUndefined();
  expect(fileTypeOf('noext')).toBeUndefined();
});

test("own uploads: only under uploads/<the caller's key>/, never someone else's, a seed picture or a URL", () => {
  const mine = `cloud://e.b/${newUploadPath('demo-merchant-001', 'jpg', 'products', 0, 'abc')}`;
  expect(mine).toBe('cloud://e.b/uploads/demo-merchant-001/products/0-abc.jpg');
  expect(isOwnUpload(mine, 'demo-merchant-001')).toBe(true);
  expect(isOwnUpload(mine, 'demo-merchant-00')).toBe(false); // a prefix of another key is not that key
  expect(isOwnUpload(mine, 'demo-merchant-002')).toBe(false);
  expect(isOwnUpload(mine, '')).toBe(false);
  expect(isOwnUpload('cloud://e.b/uploads/demo-merchant-001/', 'demo-merchant-001')).toBe(false);
  expect(isOwnUpload('cloud://e.b/uploads/demo-merchant-001/../x/a.jpg', 'demo-merchant-001')).toBe(false);
  expect(isOwnUpload('https://evil.example/uploads/demo-merchant-001/a.jpg', 'demo-merchant-001')).toBe(false);
  expect(isOwnUpload('cloud://e.b/seed/stores/store-001.jpg', 'demo-merchant-001')).toBe(false);
  expect(isSeedFile('cloud://e.b/seed/stores/store-001.jpg')).toBe(true);
  expect(uploadPrefix('oWx_1-2')).toBe('uploads/oWx_1-2/');
  expect(() => uploadPrefix('../x')).toThrow();
});
