/**
 * `npm start [-- --port 9000] [--data .data]`: the local cloud with demo data, both mini-programs as H5 and the
 * admin panel, on one port. Data persists in the data folder between runs; builds are redone only when their
 * sources changed (and not at all with DAOJIA_SKIP_BUILD=1, as for `npm test`).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '@daojia/local-cloud';
import { APPS, ROOT, buildApp, isStale, serveApps } from './lib/apps';
import { formatDemoLogins, type DemoAccount } from './lib/demo-logins';
import { seedDemo } from './seed';

/** Pads to a terminal column: CJK characters take two cells, so String#padEnd would misalign the URL column. */
const padCells = (s: string, cells: number) => s + ' '.repeat(Math.max(1, cells - [...s].reduce((n, c) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0)));

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      data: { type: 'string', default: path.join(ROOT, '.data') },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const dataDir = path.resolve(values.data!);
  if (process.env.DAOJIA_SKIP_BUILD !== '1') for (const app of APPS) if (isStale(app)) buildApp(app);

  const cloud = await startLocalCloud({ rootDir: ROOT, dataDir, port, timers: true, hotReload: true, log: (line) => console.log(line) });
  const { seeded } = await seedDemo(cloud);
  const urls = serveApps(cloud);

  console.log(seeded ? `\nSeeded a new demo city into ${dataDir}.` : `\nKept the existing data in ${dataDir} (already seeded).`);
  console.log('Daojia is running (local cloud, demo data):');
  for (const app of APPS) console.log(`  ${padCells(app.label, 26)}${urls[app.id]}`);
  console.log(`  ${padCells('local cloud dashboard', 26)}${cloud.url}/dashboard/`);
  console.log(`\n${formatDemoLogins(cloud.db.find('dev_accounts') as unknown as DemoAccount[]).join('\n')}`);
  console.log('\nPress Ctrl-C to stop.\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
