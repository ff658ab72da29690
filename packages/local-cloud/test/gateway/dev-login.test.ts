import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud, REPO_ROOT } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';

/**
 * Dev login makes anyone a demo account, so it exists only where nothing says production: not with
 * DAOJIA_MODE=production, not with a non-local env id, not with WeChat Pay credentials for the real API.
 */
async function devLogin(cloud: LocalCloud) {
  const list = await fetch(`${cloud.url}/dev/accounts`);
  const ticket = await fetch(`${cloud.url}/dev/ticket`, { method: 'POST', body: JSON.stringify({ accountId: 'demo-admin' }) });
  return { list: list.status, ticket: ((await ticket.json()) as { code?: string; ticket?: string }).code ?? 'TICKET' };
}
const REFUSED = { list: 403, ticket: 'PERMISSION_DENIED' };
// No demo accounts are seeded here: an open dev login lists none and refuses the unknown account by name.
const OPEN = { list: 200, ticket: 'PERMISSION_DENIED' };

/** Runs `body` with some process environment variables set, restoring them after. */
async function withEnv(vars: Record<string, string>, body: () => Promise<void>) {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('on a local configuration', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
    cloud.db.insert('dev_accounts', [{ _id: 'demo-admin', role: 'admin', name: '演示管理员', description: '' }]);
  });
  afterAll(async () => cloud.close());

  test('dev login works', async () => {
    expect(cloud.envId).toBe('daojia-local');
    expect(await devLogin(cloud)).toEqual({ list: 200, ticket: 'TICKET' });
  });

  test('DAOJIA_MODE=production refuses it', async () => {
    await withEnv({ DAOJIA_MODE: 'production' }, async () => {
      expect(await devLogin(cloud)).toEqual(REFUSED);
    });
    expect(await devLogin(cloud)).toEqual({ list: 200, ticket: 'TICKET' });
  });

  test('WeChat Pay credentials for the real API refuse it; the same pointed at a sandbox on this machine do not', async () => {
    const merchant = { WECHATPAY_MCHID: '1900000109', WECHATPAY_MERCHANT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nMIIE…\\n-----END PRIVATE KEY-----', WECHATPAY_APIV3_KEY: 'a'.repeat(32) };
    await withEnv(merchant, async () => {
      expect(await devLogin(cloud)).toEqual(REFUSED);
    });
    await withEnv({ ...merchant, WECHATPAY_API_BASE: 'https://api.mch.weixin.qq.com' }, async () => {
      expect(await devLogin(cloud)).toEqual(REFUSED);
    });
    await withEnv({ ...merchant, WECHATPAY_API_BASE: `${cloud.url}/sandbox/wechatpay` }, async () => {
      expect(await devLogin(cloud)).toEqual({ list: 200, ticket: 'TICKET' });
    });
  });
});

test('a non-local env id refuses it', async () => {
  const cloud = await startTestCloud({ envId: 'daojia-prod-7f3k2' });
  try {
    expect(await devLogin(cloud)).toEqual(REFUSED);
  } finally {
    await cloud.close();
  }
});

test("a function's cloudbaserc.json envVariables with real WeChat Pay credentials refuse it", async () => {
  // The project as it is, but with merchant credentials in pay's envVariables, as a deploy configuration would have.
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-prodrc-'));
  for (const dir of ['cloudfunctions', 'database-rules']) symlinkSync(path.join(REPO_ROOT, dir), path.join(rootDir, dir));
  const rc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string; envVariables?: Record<string, string> }[] };
  const pay = rc.functions.find((f) => f.name === 'pay')!;
  pay.envVariables = { ...pay.envVariables, WECHATPAY_MCHID: '1900000109', WECHATPAY_APIV3_KEY: 'a'.repeat(32) };
  writeFileSync(path.join(rootDir, 'cloudbaserc.json'), JSON.stringify(rc));
  const cloud = await startTestCloud({ rootDir });
  try {
    expect(cloud.envId).toBe('daojia-local');
    expect(await devLogin(cloud)).toEqual(REFUSED);
  } finally {
    await cloud.close();
    rmSync(rootDir, { recursive: true, force: true });
  }
});

test('with nothing of production, an unknown account is refused by name, not by mode', async () => {
  const cloud = await startTestCloud();
  try {
    expect(await devLogin(cloud)).toEqual(OPEN);
  } finally {
    await cloud.close();
  }
});
