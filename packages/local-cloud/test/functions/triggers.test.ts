import tcb from '@cloudbase/node-sdk';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTestCloud, useLocalCloudEnv, REPO_ROOT } from '../../src/testing';
import { makeProject } from '../fixture';

test('database triggers run on committed changes with the CloudEvent shape, and retry a failure', async () => {
  const project = makeProject({
    'database-rules/orders.json': JSON.stringify({ rules: { read: false, write: false } }),
    'database-rules/notices.json': JSON.stringify({ rules: { read: false, write: false } }),
    'cloudbaserc.json': JSON.stringify({ functions: [{ name: 'notify', triggers: [{ name: 'onOrder', type: 'database', config: { collection: 'orders', events: ['insert', 'update'] } }] }] }),
    'cloudfunctions/notify/index.ts': `
      import tcb from '@cloudbase/node-sdk';
      const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
      let failOnce = true;
      export async function main(event: any) {
        if (event.data.doc?.flaky && failOnce) { failOnce = false; throw new Error('transient'); }
        await db.collection('notices').add({ type: event.type, docId: event.data.docId, updated: event.data.updatedFields, status: event.data.doc?.status });
        return 'ok';
      }`,
  });
  const cloud = await startTestCloud({ rootDir: project.rootDir });
  try {
    useLocalCloudEnv(cloud);
    const db = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as never).database();
    await db.collection('orders').add({ _id: 'o1', status: 'paid' });
    await db.collection('orders').doc('o1').update({ status: 'accepted' });
    await db.collection('orders').doc('o1').remove(); // not subscribed: no notice
    await db.collection('orders').add({ _id: 'o2', status: 'paid', flaky: true });
    await cloud.functions.drainTriggers();
    const notices = cloud.db.find('notices', { order: [['docId', 1]] }).map(({ _id, ...n }) => n);
    expect(notices).toEqual(
      expect.arrayContaining([
        { type: 'com.tcb.database.insert', docId: 'o1', updated: {}, status: 'paid' },
        { type: 'com.tcb.database.update', docId: 'o1', updated: { status: 'accepted' }, status: 'accepted' },
        { type: 'com.tcb.database.insert', docId: 'o2', updated: {}, status: 'paid' },
      ]),
    );
    expect(notices).toHaveLength(3);
  } finally {
    await cloud.close();
    project.remove();
  }
});

test('the CLI prints the ready line once /admin serves, and stops cleanly on SIGTERM', async () => {
  const dataDir = path.join(REPO_ROOT, '.tmp', `cli-${process.pid}`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'cloud.ts'), '--port', '0', '--data', dataDir, '--reset', '--quiet'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      const m = /Local cloud ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const res = await fetch(`${url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'stores' }),
  });
  expect(await res.json()).toMatchObject({ data: { total: 0 } });
  child.kill('SIGTERM');
  expect(await new Promise((r) => child.once('exit', r))).toBe(0);
});
