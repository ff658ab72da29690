import http from 'node:http';
import tcb from '@cloudbase/node-sdk';
import { startTestCloud, useLocalCloudEnv } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';
import { makeProject } from '../fixture';
import { credentialsFor } from './sdk';

/**
 * The local cloud's doors (issue 17, item 10), tried as a web page on another site, a DNS-rebinding page, a careless
 * client and a stranger reaching a production-mode cloud would: each attempt is refused and changes nothing.
 */
const project = makeProject({
  'cloudbaserc.json': JSON.stringify({
    envId: 'doors-local',
    functionRoot: 'cloudfunctions',
    functions: [{ name: 'tally', timeout: 5, triggers: [{ name: 'hourly', type: 'timer', config: '0 0 * * * * *' }] }],
  }),
  'database-rules/dev_accounts.json': JSON.stringify({ rules: { read: false, write: false } }),
  'database-rules/notes.json': JSON.stringify({ rules: { read: false, write: false } }),
  // Writes through node-sdk, i.e. through /admin with the credentials the cloud hands its functions.
  'cloudfunctions/tally/index.ts': `
    import tcb from '@cloudbase/node-sdk';
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    export async function main() {
      await app.database().collection('notes').add({ by: 'tally' });
      return { total: (await app.database().collection('notes').count()).total };
    }`,
});
const USER = 'doors-user';
const EVIL = 'http://evil.example';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ rootDir: project.rootDir });
  cloud.db.insert('dev_accounts', [{ _id: USER, role: 'consumer', name: '门测试', description: '' }]);
});
afterAll(async () => {
  await cloud?.close();
  project.remove();
});

const notes = () => cloud.db.count('notes', {});
const invocations = () => {
  const seen: string[] = [];
  const off = cloud.functions.onInvocation((i) => seen.push(i.name));
  return { seen, off };
};

/** A raw request with any headers (fetch will not send a Host of our choosing). */
function request(method: string, path: string, headers: Record<string, string | number> = {}, body?: string | Buffer) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
    const req = http.request(`${cloud.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('CORS: only the cloud’s own pages (and, outside production, the dev servers) may read its answers', () => {
  test.each([
    ['the cloud’s own origin', () => cloud.url, true],
    ['localhost with the same port', () => `http://localhost:${cloud.port}`, true],
    ['[::1] with the same port', () => `http://[::1]:${cloud.port}`, true],
    ['the admin panel’s Vite dev server', () => 'http://127.0.0.1:5173', true],
    ['a foreign site', () => EVIL, false],
    ['loopback on another port', () => `http://127.0.0.1:${cloud.port + 1}`, false],
    ['a sandboxed page (Origin: null)', () => 'null', false],
  ])('%s', async (_what, origin, allowed) => {
    const read = await request('GET', '/dev/accounts', { origin: origin() });
    expect(read.headers.vary).toMatch(/origin/i);
    expect(read.headers['access-control-allow-origin']).toBe(allowed ? origin() : undefined);
    const preflight = await request('OPTIONS', '/dev/ticket', { origin: origin(), 'access-control-request-method': 'POST' });
    expect(preflight.status).toBe(allowed ? 204 : 403);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed ? origin() : undefined);
  });
});

describe('cross-site writes are refused before anything runs', () => {
  const adminInsert = JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', data: [JSON.stringify({ by: 'csrf' })] });

  test.each([
    ['a foreign page’s text/plain POST to /admin', { origin: EVIL, 'content-type': 'text/plain' }, 403, 'CROSS_SITE_REQUEST'],
    ['a foreign page’s JSON POST to /admin', { origin: EVIL, 'content-type': 'application/json' }, 403, 'CROSS_SITE_REQUEST'],
    ['a cross-site POST without Origin (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, 403, 'CROSS_SITE_REQUEST'],
    ['a text/plain POST without Origin (an old browser’s form)', { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s', async (_what, headers, status, code) => {
    const before = notes();
    const res = await request('POST', '/admin', headers, adminInsert);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(notes()).toBe(before);
  });

  test('the same /admin call from node-sdk’s side (JSON, no Origin) works: the refusals above are the headers', async () => {
    const res = await request('POST', '/admin', { 'content-type': 'application/json' }, adminInsert);
    expect(res.body.data.insertedIds).toHaveLength(1);
    cloud.db.remove('notes', { by: 'csrf' }, { multi: true });
  });

  test.each([
    ['text/plain from a foreign page', { origin: EVIL, 'content-type': 'text/plain' }, 403],
    ['text/plain without Origin', { 'content-type': 'text/plain' }, 415],
    ['no body at all (a bare form POST)', {}, 415],
  ])('the dashboard’s run-timer: %s does not fire the timer', async (_what, headers, status) => {
    const { seen, off } = invocations();
    const res = await request('POST', '/dashboard/api/timers/tally/hourly', headers, '{}');
    off();
    expect(res.status).toBe(status);
    expect(seen).toEqual([]);
    expect(notes()).toBe(0);
  });

  test('the dashboard’s own button (same origin, JSON) fires it', async () => {
    const res = await request('POST', '/dashboard/api/timers/tally/hourly', { origin: cloud.url, 'content-type': 'application/json' }, '{}');
    expect(res.body).toMatchObject({ result: { total: 1 } });
    cloud.db.remove('notes', {}, { multi: true });
  });

  test('a foreign page cannot mint a dev-login ticket, nor sign in with one', async () => {
    const ticket = await request('POST', '/dev/ticket', { origin: EVIL, 'content-type': 'application/json' }, JSON.stringify({ accountId: USER }));
    expect(ticket.status).toBe(403);
    expect(ticket.body.ticket).toBeUndefined();
    const signIn = await request('POST', '/auth/v1/signin/anonymously', { origin: EVIL, 'content-type': 'text/plain' }, '{}');
    expect(signIn.status).toBe(403);
    expect(signIn.body.access_token).toBeUndefined();
  });
});

test('a foreign Host (DNS rebinding) is refused with 421, whatever the path', async () => {
  for (const [method, path] of [
    ['GET', '/dev/accounts'],
    ['GET', '/dashboard/'],
    ['POST', '/dev/ticket'],
  ]) {
    const res = await request(method, path, { host: `evil.example:${cloud.port}`, 'content-type': 'application/json' }, JSON.stringify({ accountId: USER }));
    expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 421, code: 'HOST_NOT_ALLOWED' });
    expect(res.body.message).toContain(`127.0.0.1:${cloud.port}`);
  }
  expect((await request('GET', '/dev/accounts', { host: `localhost:${cloud.port}` })).status).toBe(200);
});

describe('request bodies are capped at 1 MiB', () => {
  const big = JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', data: [JSON.stringify({ by: 'big', pad: 'x'.repeat(1024 * 1024) })] });

  test('a declared oversized body is refused with 413 before it is read', async () => {
    const res = await request('POST', '/admin', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) }, big);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(notes()).toBe(0);
  });

  test('a chunked body is cut off once it passes the cap', async () => {
    const res = await request('POST', '/admin', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(notes()).toBe(0);
    expect((await request('GET', '/admin')).body).toMatchObject({ ok: true }); // the cloud serves on
  });
});

describe('DAOJIA_MODE=production shuts every dev-only door, and /admin serves only signed calls', () => {
  let token: string;
  beforeAll(async () => {
    token = (await credentialsFor(cloud.url, { accountId: USER })).access_token; // signed in before the switch
    process.env.DAOJIA_MODE = 'production';
  });
  afterAll(() => {
    delete process.env.DAOJIA_MODE;
  });

  test.each([
    ['GET', '/dev/accounts'],
    ['POST', '/dev/ticket'],
    ['GET', '/dashboard/'],
    ['GET', '/dashboard/api/collections'],
    ['GET', '/dashboard/api/invocations'],
    ['POST', '/dashboard/api/timers/tally/hourly'],
    ['POST', '/sandbox/wechatpay/pay'],
    ['POST', '/sandbox/wechatpay/redeliver'],
    ['GET', '/sandbox/wechatpay/outbox'],
    ['GET', '/sandbox/sms/outbox'],
    ['POST', '/sandbox/delivery/advance'],
  ])('%s %s is shut', async (method, path) => {
    const { seen, off } = invocations();
    const res = await request(method, path, { 'content-type': 'application/json' }, JSON.stringify({ accountId: USER }));
    off();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect(res.body.message).toMatch(/DAOJIA_MODE is production/);
    expect(seen).toEqual([]);
  });

  test('dev servers’ origins are no longer trusted', async () => {
    expect((await request('GET', '/admin', { origin: 'http://127.0.0.1:5173' })).headers['access-control-allow-origin']).toBeUndefined();
  });

  test('/admin refuses unsigned calls and calls signed with another key, and changes nothing', async () => {
    const unsigned = await request(
      'POST',
      '/admin',
      { 'content-type': 'application/json' },
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'notes', data: [JSON.stringify({ by: 'stranger' })] }),
    );
    expect(unsigned.body).toMatchObject({ code: 'PERMISSION_DENIED' });
    useLocalCloudEnv(cloud);
    const forger = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: cloud.serverCredentials.secretId, secretKey: 'not-the-key' } as any);
    await expect(forger.database().collection('notes').add({ by: 'forger' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(notes()).toBe(0);
  });

  test('functions still work (their node-sdk signs with the cloud’s server credentials), and so does a script holding them', async () => {
    const res = await fetch(`${cloud.url}/v1/functions/tally`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
    expect(await res.json()).toEqual({ total: 1 });
    useLocalCloudEnv(cloud);
    const script = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, ...cloud.serverCredentials } as any);
    expect((await script.database().collection('notes').count()).total).toBe(1);
    cloud.db.remove('notes', {}, { multi: true });
  });
});
