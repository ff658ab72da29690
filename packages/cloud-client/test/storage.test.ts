import { startTestCloud, type LocalCloud } from '@daojia/local-cloud';
import { newUploadPath } from '@daojia/domain';
import { createWebClient, CloudCallError } from '../src';
import { createWeappClient } from '../src/weapp';

/**
 * Files through the client both apps use: on the web the real js-sdk against a local cloud (its storage rules and
 * limits), in WeChat a double of wx.cloud's documented uploadFile / getTempFileURL. Refusals reach the app as
 * CloudCallErrors with the storage's code and Chinese text.
 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let cloud: LocalCloud;
beforeAll(async () => {
  // js-sdk's Node adapter narrates the XML of a refused PUT (it tries JSON first) on the console.
  const warn = console.warn.bind(console);
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!/catch an error/.test(String(args[0]))) warn(...args);
  });
  cloud = await startTestCloud();
  cloud.db.insert('dev_accounts', [{ _id: 'cc-files-1', role: 'merchant', name: 'f1', description: '' }]);
});
afterAll(async () => {
  await cloud.close();
});

let envs = 0;
const client = () => createWebClient({ baseUrl: cloud.url, env: `cloud-client-files-${++envs}`, persistence: 'none' });

test('web: upload to my folder, then URLs for my file, a missing one and a plain URL in one call', async () => {
  const c = client();
  await c.devLogin('cc-files-1');
  expect(await c.userKey()).toBe('cc-files-1');
  const fileId = await c.uploadFile(newUploadPath(await c.userKey(), 'png', 'products'), new Blob([PNG], { type: 'image/png' }));
  expect(fileId).toMatch(/^cloud:\/\/daojia-local\.daojia-local-storage\/uploads\/cc-files-1\/products\/.+\.png$/);
  const missing = `cloud://daojia-local.daojia-local-storage/uploads/cc-files-1/none.png`;
  const urls = await c.fileUrls([fileId, missing, 'https://example.com/a.png', fileId]);
  expect(Object.keys(urls).sort()).toEqual(['https://example.com/a.png', fileId].sort());
  const res = await fetch(urls[fileId]);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  // Bytes work as well as a Blob.
  expect(await c.uploadFile(newUploadPath('cc-files-1', 'png'), new Uint8Array(PNG))).toMatch(/^cloud:\/\//);
});

test("web: someone else's folder, a wrong type and no sign-in are refused with the storage's codes", async () => {
  const c = client();
  await c.devLogin('cc-files-1');
  const refused = async (p: Promise<unknown>) =>
    p.then(
      () => 'uploaded',
      (e: CloudCallError) => [e instanceof CloudCallError, e.code, e.message],
    );
  expect(await refused(c.uploadFile('uploads/someone-else/a.png', new Blob([PNG])))).toEqual([true, 'STORAGE_EXCEED_AUTHORITY', '没有权限访问该文件']);
  expect(await refused(c.uploadFile('uploads/cc-files-1/a.gif', new Blob([PNG])))).toEqual([true, 'STORAGE_FILE_TYPE_NOT_ALLOWED', expect.stringContaining('不支持的文件类型')]);
  expect(await refused(c.uploadFile('uploads/cc-files-1/a.png', new Blob([Buffer.from('not a png')])))).toEqual([true, 'STORAGE_CONTENT_MISMATCH', '文件内容与扩展名不符']);
  expect(await refused(client().uploadFile('uploads/cc-files-1/a.png', new Blob([PNG])))).toEqual([true, 'UNAUTHENTICATED', '请先登录']);
});

test('web: a visitor who has not signed in still gets URLs (store pages are public)', async () => {
  const owner = client();
  await owner.devLogin('cc-files-1');
  const fileId = await owner.uploadFile(newUploadPath('cc-files-1', 'png', 'logo'), new Blob([PNG]));
  const urls = await client().fileUrls([fileId]);
  expect((await fetch(urls[fileId])).status).toBe(200);
});

test('weapp: wx.cloud.uploadFile with the temp path, getTempFileURL in batches of 50, openid from the files function', async () => {
  const uploads: unknown[] = [];
  const batches: number[] = [];
  const calls: unknown[] = [];
  (globalThis as { wx?: unknown }).wx = {
    cloud: {
      init() {},
      async uploadFile(o: { cloudPath: string; filePath: string }) {
        uploads.push(o);
        if (o.cloudPath.includes('other')) throw Object.assign(new Error('uploadFile:fail -503002 permission denied'), { errCode: -503002, errMsg: 'uploadFile:fail -503002 permission denied' });
        return { fileID: `cloud://prod.bucket/${o.cloudPath}`, statusCode: 204, errMsg: 'cloud.uploadFile:ok' };
      },
      async getTempFileURL(o: { fileList: string[] }) {
        batches.push(o.fileList.length);
        return {
          fileList: o.fileList.map((fileID) =>
            fileID.includes('gone') ? { fileID, tempFileURL: '', status: -503003, errMsg: 'file not exist' } : { fileID, tempFileURL: `https://tmp/${fileID.slice(-6)}`, status: 0 },
          ),
        };
      },
      async callFunction(o: { name: string; data: unknown }) {
        calls.push(o);
        return { result: { ok: true, data: { userKey: 'oWx123' } } };
      },
    },
  };
  const c = createWeappClient('prod');
  expect(await c.uploadFile('uploads/oWx123/a.jpg', 'http://tmp/wx-1.jpg')).toBe('cloud://prod.bucket/uploads/oWx123/a.jpg');
  expect(uploads).toEqual([{ cloudPath: 'uploads/oWx123/a.jpg', filePath: 'http://tmp/wx-1.jpg' }]);
  await expect(c.uploadFile('uploads/other/a.jpg', 'http://tmp/wx-2.jpg')).rejects.toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY' });
  await expect(c.uploadFile('uploads/oWx123/a.jpg', new Blob([PNG]))).rejects.toMatchObject({ code: 'INVALID_FILE' });
  const ids = Array.from({ length: 60 }, (_, i) => `cloud://prod.bucket/seed/p${String(i).padStart(3, '0')}.jpg`);
  const urls = await c.fileUrls([...ids, 'cloud://prod.bucket/gone.jpg', 'https://cdn/x.png']);
  expect(batches).toEqual([50, 11]);
  expect(Object.keys(urls)).toHaveLength(61);
  expect(urls['cloud://prod.bucket/gone.jpg']).toBeUndefined();
  expect(urls['https://cdn/x.png']).toBe('https://cdn/x.png');
  expect([await c.userKey(), await c.userKey()]).toEqual(['oWx123', 'oWx123']);
  expect(calls).toEqual([{ name: 'files', data: { action: 'me', data: {} } }]);
});
