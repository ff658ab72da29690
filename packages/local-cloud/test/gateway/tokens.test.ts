import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { startLocalCloud, type LocalCloud } from '../../src/cloud';
import { makeProject } from '../fixture';
import { credentialsFor, documentsUrl, jsSdkApp, signedInApp } from './sdk';

/**
 * The token lifecycle of a web session, through the real gateway: signing out ends the session everywhere and for
 * good (restarts included); a ticket, an access token and a refresh token each open only their own door; expired,
 * unsigned (`alg: none`) and wrongly signed tokens open none. And what a function learns of an anonymous caller.
 */
const project = makeProject({
  'cloudbaserc.json': JSON.stringify({ envId: 'tokens-local', functionRoot: 'cloudfunctions', functions: [{ name: 'whoami', timeout: 5 }] }),
  'database-rules/dev_accounts.json': JSON.stringify({ rules: { read: false, write: false } }),
  'database-rules/notes.json': JSON.stringify({ rules: { read: 'doc._openid == auth.openid', write: false } }),
  'cloudfunctions/whoami/index.ts': `
    import tcb from '@cloudbase/node-sdk';
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    export async function main() { return app.auth().getUserInfo(); }`,
});
const USER = 'token-user';

let dataDir: string;
let cloud: LocalCloud;
const start = async () => {
  cloud = await startLocalCloud({ rootDir: project.rootDir, dataDir, port: 0 });
};
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-tokens-'));
  await start();
  cloud.db.insert('dev_accounts', [{ _id: USER, role: 'consumer', name: '令牌测试', description: '' }]);
});
afterAll(async () => {
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
  project.remove();
});

const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${cloud.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every door a token can open, each answering whether this token opened it. */
const doors = {
  function: async (token: string) => (await post('/v1/functions/whoami', {}, bearer(token))).status === 200,
  database: async (token: string) => (await fetch(`${documentsUrl(cloud.url, 'notes')}?query=${encodeURIComponent('{"_openid":"{openid}"}')}`, { headers: bearer(token) })).status === 200,
  me: async (token: string) => (await fetch(`${cloud.url}/auth/v1/user/me`, { headers: bearer(token) })).status === 200,
  realtime: async (token: string) => !((await (await post('/web', { action: 'auth.wsWebSign', access_token: token })).json()) as { code?: string }).code,
  signIn: async (token: string) => (await post('/auth/v1/signin/custom', { provider_id: 'custom', ticket: token })).status === 200,
  refresh: async (token: string) => (await post('/auth/v1/token', { grant_type: 'refresh_token', refresh_token: token })).status === 200,
};
const ACCESS_DOORS = ['function', 'database', 'me', 'realtime'] as const;
const open = async (token: string) => Object.fromEntries(await Promise.all(Object.entries(doors).map(async ([d, tryIt]) => [d, await tryIt(token)])));
const only = (...names: string[]) => Object.fromEntries(Object.keys(doors).map((d) => [d, names.includes(d)]));

const ticketFor = async (accountId: string) => ((await (await post('/dev/ticket', { accountId })).json()) as { ticket: string }).ticket;
const key = () => Buffer.from(readFileSync(path.join(dataDir, 'gateway', 'token-key'), 'utf8'), 'base64');
const claims = (kind: string) => ({ kind, sid: 'forged-session', cid: USER, role: 'consumer' });
const now = () => Math.floor(Date.now() / 1000);

test('a ticket, an access token and a refresh token each open only their own doors', async () => {
  const ticket = await ticketFor(USER);
  expect(await open(ticket)).toEqual(only('signIn'));
  const c = await credentialsFor(cloud.url, { accountId: USER });
  expect(await open(c.access_token)).toEqual(only(...ACCESS_DOORS));
  expect(await open(c.refresh_token)).toEqual(only('refresh'));
});

test('js-sdk sign-out ends the session: its access and refresh tokens stop working everywhere; other sessions go on', async () => {
  const { app, auth } = await signedInApp(cloud.url, USER);
  const other = await credentialsFor(cloud.url, { accountId: USER });
  // The SDK's stored credentials (no public getter hands out the refresh token).
  const held = (await (auth as any).oauthInstance.authApi.config.credentialsClient.getCredentials()) as { access_token: string; refresh_token: string };
  expect((await app.callFunction({ name: 'whoami', data: {} })).result).toMatchObject({ uid: USER });
  expect(await open(held.access_token)).toEqual(only(...ACCESS_DOORS));

  await auth.signOut();

  expect(await open(held.access_token)).toEqual(only());
  expect(await open(held.refresh_token)).toEqual(only());
  const refused = await post('/v1/functions/whoami', {}, bearer(held.access_token));
  expect({ status: refused.status, body: await refused.json() }).toMatchObject({ status: 401, body: { code: 'INVALID_ACCESS_TOKEN' } });
  expect(await open(other.access_token)).toEqual(only(...ACCESS_DOORS));
});

test('POST /auth/v1/user/signout with the access token revokes the session, and the revocation survives a restart', async () => {
  const gone = await credentialsFor(cloud.url, { accountId: USER });
  const kept = await credentialsFor(cloud.url, { accountId: USER });
  const out = await post('/auth/v1/user/signout', {}, bearer(gone.access_token));
  expect(out.status).toBe(200);
  expect(await open(gone.refresh_token)).toEqual(only());

  await cloud.close();
  await start();

  expect(await open(gone.access_token)).toEqual(only());
  expect(await open(gone.refresh_token)).toEqual(only());
  expect(await open(kept.access_token)).toEqual(only(...ACCESS_DOORS));
  expect(await open(kept.refresh_token)).toEqual(only('refresh'));
});

test('signing out needs a genuine token of the session', async () => {
  const forged = await new SignJWT(claims('access')).setProtectedHeader({ alg: 'HS256' }).setSubject(USER).setIssuer('local-cloud/tokens-local').setExpirationTime('1h').sign(Buffer.alloc(32, 7));
  expect((await post('/auth/v1/user/signout', {}, bearer(forged))).status).toBe(401);
  expect((await post('/auth/v1/revoke', { token: 'not-a-token' })).status).toBe(401);
  expect((await post('/auth/v1/user/signout', {})).status).toBe(401);
});

test('expired tokens of every kind are refused, an expired access token with ACCESS_TOKEN_EXPIRED', async () => {
  const expired = (kind: string) =>
    new SignJWT(claims(kind))
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(USER)
      .setIssuer('local-cloud/tokens-local')
      .setIssuedAt(now() - 7200)
      .setExpirationTime(now() - 60)
      .sign(key());
  const access = await expired('access');
  expect(await open(access)).toEqual(only());
  const res = await post('/v1/functions/whoami', {}, bearer(access));
  expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 401, body: { code: 'ACCESS_TOKEN_EXPIRED' } });
  expect(await open(await expired('refresh'))).toEqual(only());
  expect(await open(await expired('ticket'))).toEqual(only());
});

test('unsigned (alg: none), wrongly signed and other-algorithm tokens are refused for every kind', async () => {
  for (const kind of ['access', 'refresh', 'ticket']) {
    const unsigned = new UnsecuredJWT(claims(kind)).setSubject(USER).setIssuer('local-cloud/tokens-local').setExpirationTime('1h').encode();
    const wrongKey = await new SignJWT(claims(kind)).setProtectedHeader({ alg: 'HS256' }).setSubject(USER).setIssuer('local-cloud/tokens-local').setExpirationTime('1h').sign(Buffer.alloc(32, 7));
    const otherAlg = await new SignJWT(claims(kind))
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject(USER)
      .setIssuer('local-cloud/tokens-local')
      .setExpirationTime('1h')
      .sign(Buffer.concat([key(), key()]));
    for (const token of [unsigned, wrongKey, otherAlg]) expect({ kind, opened: await open(token) }).toEqual({ kind, opened: only() });
  }
});

test('a function called by an anonymous sign-in sees isAnonymous; a signed-in user does not', async () => {
  const anonymous = jsSdkApp(cloud.url);
  const { error } = (await anonymous.auth.signInAnonymously({})) as unknown as { error?: unknown };
  expect(error).toBeFalsy();
  expect((await anonymous.app.callFunction({ name: 'whoami', data: {} })).result).toMatchObject({ uid: expect.stringMatching(/^anon-/), isAnonymous: true });
  const user = await signedInApp(cloud.url, USER);
  expect((await user.app.callFunction({ name: 'whoami', data: {} })).result).toMatchObject({ uid: USER, isAnonymous: false });
});
