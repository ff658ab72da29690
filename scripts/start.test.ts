import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWebClient } from '@daojia/cloud-client';
import { ROOT } from './lib/apps';
import { until } from '../e2e/lib/poll';

/**
 * `npm start` as a person runs it: a process that prints the URLs and the demo logins, serves every app, stops on
 * Ctrl-C with exit code 0, and finds its data again on the next start. Builds are skipped (DAOJIA_SKIP_BUILD, as
 * `npm test` does after building once), so this serves the apps already in their dist folders.
 */
const READY = 'Press Ctrl-C to stop.';

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(dataDir: string): Run {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DAOJIA_SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

const ready = (run: Run) =>
  until(
    async () => run.output(),
    (o) => o.includes(READY) || run.child.exitCode !== null,
    'npm start ready',
    60_000,
  );

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGINT');
  const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000).unref());
  return Promise.race([run.exit, timeout]) as Promise<number | null>;
}

function urlsIn(output: string) {
  const url = (label: string) => {
    const m = output.match(new RegExp(`${label}\\s+(http://127\\.0\\.0\\.1:\\d+/\\S*)`));
    if (!m) throw new Error(`no ${label} URL in:\n${output}`);
    return m[1];
  };
  return { consumer: url('\\(consumer H5\\)'), merchant: url('\\(merchant H5\\)'), admin: url('\\(admin web\\)'), dashboard: url('local cloud dashboard') };
}

async function signedIn(cloudUrl: string) {
  const client = createWebClient({ baseUrl: cloudUrl, env: `start-test-${Math.random()}`, persistence: 'none' });
  await client.devLogin('demo-consumer-1');
  return client;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-start-'));
const running: Run[] = [];
afterAll(async () => {
  for (const run of running) if (run.child.exitCode === null) await stop(run);
  rmSync(dataDir, { recursive: true, force: true });
});

test('npm start prints URLs and demo logins, serves every app, stops cleanly on Ctrl-C and keeps its data', async () => {
  const first = start(dataDir);
  running.push(first);
  const out = await ready(first);
  expect(out).toContain('Seeded a new demo city');
  const urls = urlsIn(out);
  for (const [name, url] of Object.entries(urls)) {
    const res = await fetch(url);
    expect({ name, status: res.status }).toEqual({ name, status: 200 });
  }
  // Grouped as the apps offer them, with the seeded Chinese names next to the ids to pick.
  const logins = out.slice(out.indexOf('Demo logins'));
  const order = [
    'consumers',
    'demo-consumer-1',
    '张小明',
    'demo-consumer-2',
    '李小红',
    'merchant staff',
    'demo-merchant-001',
    '老弄堂牛肉面店长',
    'admins',
    'demo-admin',
    '平台超级管理员',
    'demo-region-jingan',
    '静安区区域经理',
  ];
  const positions = order.map((s) => logins.indexOf(s));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);

  const cloudUrl = new URL(urls.consumer).origin;
  const client = await signedIn(cloudUrl);
  const { order: created } = await client.call<{ order: { _id: string; status: string } }>('order', 'create', {
    idempotencyKey: `start-test-${Date.now()}`,
    storeId: 'store-001',
    mode: 'pickup',
    items: [{ productId: 'store-001-p001', quantity: 2 }],
  });
  expect(created.status).toBe('pending_payment');
  await client.signOut();

  expect(await stop(first)).toBe(0);
  expect(first.output()).toContain('stopping…');

  const second = start(dataDir);
  running.push(second);
  const again = await ready(second);
  expect(again).toContain('Kept the existing data');
  const client2 = await signedIn(new URL(urlsIn(again).consumer).origin);
  const { order: found } = await client2.call<{ order: { _id: string; items: { productId: string; quantity: number }[] } }>('order', 'detail', { orderId: created._id });
  expect(found._id).toBe(created._id);
  expect(found.items).toMatchObject([{ productId: 'store-001-p001', quantity: 2 }]);
  await client2.signOut();
  expect(await stop(second)).toBe(0);
}, 120_000);
