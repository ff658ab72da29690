import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db';

/** A child process writes and acknowledges each write on stdout; it is killed with SIGKILL mid-stream. */
test('every acknowledged write survives kill -9', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-kill-'));
  const script = `
    const { openDatabase } = require(${JSON.stringify(path.resolve(__dirname, '../../src/db'))});
    const db = openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
    db.createCollection('orders');
    let i = 0;
    setInterval(() => { db.insert('orders', [{ _id: 'o' + i, n: i }]); process.stdout.write('ack ' + i + '\\n'); i++; }, 1);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acked = -1;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString().matchAll(/ack (\d+)/g)) acked = Number(m[1]);
      if (acked >= 200) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((r) => child.once('exit', r));
  const db = openDatabase({ dataDir });
  const stored = db.count('orders', {});
  for (let i = 0; i <= acked; i++) expect(db.find('orders', { query: { _id: 'o' + i } })).toHaveLength(1);
  expect(stored).toBeGreaterThanOrEqual(acked + 1);
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});
