import http from 'node:http';
import tcb from '@cloudbase/node-sdk';
import { startTestCloud, useLocalCloudEnv, REPO_ROOT } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';
import { jsSdkApp, signedInApp } from '../gateway/sdk';
import { makeProject } from '../fixture';
import { compileStorageRule } from '../../src/storage/rules';

/**
 * Cloud storage through the real SDKs: node-sdk in a function (server rights, no rules) and js-sdk on the web (judged
 * by the repo's storage-rules.json: anyone reads; a signed-in person writes only under uploads/<their uid>/), with the
 * storage limits (types by extension, sizes, and the bytes must be what the extension says) binding both.
 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])]);

let cloud: LocalCloud;
let app: ReturnType<typeof tcb.init>;
beforeAll(async () => {
  cloud = await startTestCloud({ rootDir: REPO_ROOT });
  cloud.db.insert('dev_accounts', [
    { _id: 'st-user-1', role: 'merchant', name: 'u1', description: '' },
    { _id: 'st-user-2', role: 'merchant', name: 'u2', description: '' },
  ]);
  // node-sdk as a function would use it, but with its keys passed in rather than in the environment: js-sdk's Node
  // adapter signs (and rewrites) its own requests when TENCENTCLOUD_SECRETID is set, which a browser never does.
  useLocalCloudEnv(cloud);
  delete process.env.TENCENTCLOUD_SECRETID;
  delete process.env.TENCENTCLOUD_SECRETKEY;
  app = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as any);
});
afterAll(async () => {
  await cloud.close();
});

/** A request sent with its path exactly as written (fetch would resolve `%2e%2e` and `..` before sending). */
function raw(method: string, rawPath: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(cloud.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'SUCCEEDED',
    (e: { code?: string; message?: string }) => `${e.code ?? ''} ${e.message ?? ''}`,
  );

test('node-sdk: upload, temp URL (served with its type), download, delete', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'seed/test/a.png', fileContent: PNG });
  expect(fileID).toBe(`cloud://${cloud.envId}.${cloud.envId}-storage/seed/test/a.png`);
  const { fileList } = await app.getTempFileURL({ fileList: [fileID, `cloud://${cloud.envId}.${cloud.envId}-storage/seed/none.png`] });
  expect(fileList[0]).toMatchObject({ code: 'SUCCESS', fileID });
  expect(fileList[1].code).toBe('STORAGE_FILE_NONEXIST');
  const res = await fetch(fileList[0].tempFileURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  const { fileContent } = await app.downloadFile({ fileID });
  expect(Buffer.compare(fileContent as Buffer, PNG)).toBe(0);
  const del = await app.deleteFile({ fileList: [fileID] });
  expect(del.fileList).toEqual([expect.objectContaining({ code: 'SUCCESS', fileID })]);
  expect((await fetch(fileList[0].tempFileURL)).status).toBe(404);
});

test('js-sdk: a signed-in person uploads under their own folder, not elsewhere; anyone reads', async () => {
  const { app: web } = await signedInApp(cloud.url, 'st-user-1');
  const blob = new Blob([JPEG], { type: 'image/jpeg' });
  const r = (await web.uploadFile({ cloudPath: 'uploads/st-user-1/products/x.jpg', filePath: blob as unknown as string })) as { fileID: string };
  expect(r.fileID).toBe(`cloud://${cloud.envId}.${cloud.envId}-storage/uploads/st-user-1/products/x.jpg`);
  expect(await code(web.uploadFile({ cloudPath: 'uploads/st-user-2/products/x.jpg', filePath: blob as unknown as string }))).toMatch(/STORAGE_EXCEED_AUTHORITY/);
  expect(await code(web.uploadFile({ cloudPath: 'seed/x.jpg', filePath: blob as unknown as string }))).toMatch(/STORAGE_EXCEED_AUTHORITY/);

  const visitor = jsSdkApp(cloud.url);
  await visitor.auth.signInAnonymously({});
  const urls = (await visitor.app.getTempFileURL({ fileList: [r.fileID] })) as { fileList: { code: string; tempFileURL: string }[] };
  expect(urls.fileList[0].code).toBe('SUCCESS');
  const img = await fetch(urls.fileList[0].tempFileURL);
  expect(img.headers.get('content-type')).toBe('image/jpeg');
  expect(Buffer.from(await img.arrayBuffer())).toEqual(JPEG);
  // Anonymous visitors read, never write.
  expect(await code(visitor.app.uploadFile({ cloudPath: `uploads/${'anon'}/x.jpg`, filePath: blob as unknown as string }))).toMatch(/STORAGE_EXCEED_AUTHORITY/);
});

const XLSX = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(3 * 1024 * 1024, 1)]);
const bigJpeg = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024, 0)]);

test('limits bind functions too: types by extension, size per type, bytes that match the extension', async () => {
  expect(await code(app.uploadFile({ cloudPath: 'seed/page.html', fileContent: Buffer.from('<html>') }))).toMatch(/STORAGE_FILE_TYPE_NOT_ALLOWED/);
  expect(await code(app.uploadFile({ cloudPath: 'seed/big.jpg', fileContent: bigJpeg }))).toMatch(/STORAGE_FILE_TOO_LARGE/);
  expect(await code(app.uploadFile({ cloudPath: 'seed/fake.png', fileContent: JPEG }))).toMatch(/STORAGE_CONTENT_MISMATCH/);
  expect(await code(app.uploadFile({ cloudPath: 'seed/bin.csv', fileContent: Buffer.from([0x61, 0x00, 0x62]) }))).toMatch(/STORAGE_CONTENT_MISMATCH/);
  // A spreadsheet may be larger than a picture (3 MB: over the 2 MB image limit, under the 5 MB one).
  const { fileID } = await app.uploadFile({ cloudPath: 'exports/menu.xlsx', fileContent: XLSX });
  const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
  const res = await fetch(fileList[0].tempFileURL);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="menu.xlsx"');
  expect(Number(res.headers.get('content-length'))).toBe(XLSX.length);
  const csv = await app.uploadFile({ cloudPath: 'exports/menu.csv', fileContent: Buffer.from('名称,价格\n牛肉面,28\n') });
  expect(csv.fileID).toMatch(/exports\/menu\.csv$/);
});

test('the web is told before uploading when a picture is too large (js-sdk sends its length first)', async () => {
  const { app: web } = await signedInApp(cloud.url, 'st-user-1');
  expect(await code(web.uploadFile({ cloudPath: 'uploads/st-user-1/big.jpg', filePath: new Blob([bigJpeg]) as unknown as string }))).toMatch(/STORAGE_FILE_TOO_LARGE/);
  expect(await code(web.uploadFile({ cloudPath: 'uploads/st-user-1/x.exe', filePath: new Blob([JPEG]) as unknown as string }))).toMatch(/STORAGE_FILE_TYPE_NOT_ALLOWED/);
  expect(cloud.storage.store.meta('uploads/st-user-1/big.jpg')).toBeUndefined();
});

test('paths that leave the bucket are refused everywhere, and nothing is written outside it', async () => {
  for (const cloudPath of ['../escape.png', 'a/../../escape.png', '/abs.png', 'a//b.png', 'a\\b.png', './x.png']) {
    expect([cloudPath, await code(app.uploadFile({ cloudPath, fileContent: PNG }))]).toEqual([cloudPath, expect.stringMatching(/STORAGE_PATH_INVALID/)]);
  }
  const { app: web } = await signedInApp(cloud.url, 'st-user-1');
  expect(await code(web.uploadFile({ cloudPath: 'uploads/st-user-1/../st-user-2/x.png', filePath: new Blob([PNG]) as unknown as string }))).toMatch(/STORAGE_PATH_INVALID/);
  // A grant for one path does not let a PUT write another, encoded or not.
  const meta = (await (app as any).getUploadMetadata({ cloudPath: 'seed/ok.png' })).data;
  const bucket = `/storage/${cloud.storage.bucket}`;
  // (The server resolves `%2e%2e` as URL parsing does, so such a path either names another bucket or is invalid.)
  for (const [target, expected] of [
    [`${bucket}/%2e%2e/escape.png`, /^STORAGE_(PATH_INVALID|FILE_NONEXIST)$/],
    [`${bucket}/seed/%2E%2E/%2e%2e/escape.png`, /^STORAGE_(PATH_INVALID|FILE_NONEXIST)$/],
    [`${bucket}/seed%2F..%2Fescape.png`, /^STORAGE_PATH_INVALID$/],
    [`${bucket}/seed/other.png`, /^STORAGE_SIGN_INVALID$/],
  ] as const) {
    const res = await raw('PUT', target, { authorization: meta.authorization, 'x-cos-security-token': meta.token }, PNG);
    expect([target, res.status >= 400, /<Code>([A-Z_]+)<\/Code>/.exec(res.text)?.[1]]).toEqual([target, true, expect.stringMatching(expected)]);
  }
  const ok = await fetch(meta.url, { method: 'PUT', headers: { 'x-cos-security-token': meta.token }, body: PNG });
  expect(ok.status).toBe(200);
  expect(cloud.storage.store.list().map((f) => f.path)).not.toContain('escape.png');
  expect(cloud.storage.store.list().every((f) => !f.path.includes('..'))).toBe(true);
  // Reading: an unsigned, forged, expired or traversing URL gets nothing.
  const { fileList } = await app.getTempFileURL({ fileList: [meta.fileId] });
  const good = new URL(fileList[0].tempFileURL);
  expect((await fetch(good)).status).toBe(200);
  expect((await fetch(`${good.origin}${good.pathname}`)).status).toBe(403);
  expect((await fetch(`${good.origin}${good.pathname}?sign=${good.searchParams.get('sign')}&t=${Number(good.searchParams.get('t')) + 1}`)).status).toBe(403);
  const expired = Math.floor(Date.now() / 1000) - 1;
  expect((await fetch(`${good.origin}${good.pathname}?sign=${cloud.storage.store.signDownload('seed/ok.png', expired)}&t=${expired}`)).status).toBe(403);
  expect((await raw('GET', `${bucket}/seed/%2e%2e/%2e%2e/gateway/token-key${good.search}`)).status).toBe(404);
  expect((await raw('GET', `${bucket}/../../gateway/token-key${good.search}`)).status).toBe(404);
});

test('deleting from the web follows the write rule: your own uploads only', async () => {
  const one = await signedInApp(cloud.url, 'st-user-1');
  const two = await signedInApp(cloud.url, 'st-user-2');
  const { fileID } = (await one.app.uploadFile({ cloudPath: 'uploads/st-user-1/del.png', filePath: new Blob([PNG]) as unknown as string })) as { fileID: string };
  const refused = (await two.app.deleteFile({ fileList: [fileID] })) as { fileList: { code: string }[] };
  expect(refused.fileList[0].code).toBe('STORAGE_EXCEED_AUTHORITY');
  expect(cloud.storage.store.meta('uploads/st-user-1/del.png')).toBeDefined();
  const done = (await one.app.deleteFile({ fileList: [fileID] })) as { fileList: { code: string }[] };
  expect(done.fileList[0].code).toBe('SUCCESS');
  expect(cloud.storage.store.meta('uploads/st-user-1/del.png')).toBeUndefined();
});

test('storage rules: a rule outside the supported language stops the start, naming the file', async () => {
  expect(() => compileStorageRule("get('x') == 1")).toThrow(/CallExpression/);
  expect(() => compileStorageRule('doc.x == 1')).toThrow(/auth\.\* and resource\.\*/);
  const rule = compileStorageRule("auth != null && resource.segments[0] == 'uploads' && resource.segments[1] == auth.uid");
  const me = { uid: 'u1', openid: 'u1', loginType: 'CUSTOM' as const };
  expect(rule(me, { path: 'uploads/u1/a.png', openid: null })).toBe(true);
  expect(rule(me, { path: 'uploads/u2/a.png', openid: null })).toBe(false);
  expect(rule(null, { path: 'uploads/u1/a.png', openid: null })).toBe(false);
  const project = makeProject({ 'storage-rules.json': JSON.stringify({ read: true, write: 'auth.uid ==' }) });
  try {
    await expect(startTestCloud({ rootDir: project.rootDir })).rejects.toThrow(/storage-rules\.json write/);
  } finally {
    project.remove();
  }
});

test("the dashboard lists the bucket's files with who uploaded them and a link that serves each", async () => {
  await app.uploadFile({ cloudPath: 'seed/dash.png', fileContent: PNG });
  const { bucket, files } = (await (await fetch(`${cloud.url}/dashboard/api/storage`)).json()) as { bucket: string; files: { path: string; openid: string | null; url: string; fileId: string }[] };
  expect(bucket).toBe(cloud.storage.bucket);
  const f = files.find((x) => x.path === 'seed/dash.png')!;
  expect(f).toMatchObject({ openid: null, fileId: cloud.storage.fileIdOf('seed/dash.png') });
  expect((await fetch(f.url)).headers.get('content-type')).toBe('image/png');
  expect(files.find((x) => x.path.startsWith('uploads/st-user-1/'))?.openid).toBe('st-user-1');
});
