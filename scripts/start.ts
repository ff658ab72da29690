/**
 * `npm start`: the local cloud with demo data, both mini-programs as H5 and the admin panel, on one port.
 * Data persists in .data/ between runs; builds are redone only when their sources changed.
 */
import path from 'node:path';
import { startLocalCloud } from '@daojia/local-cloud';
import { APPS, ROOT, buildApp, isStale, serveApps } from './lib/apps';
import { seedDemo } from './seed';

async function main() {
  const port = Number(process.env.PORT ?? 9000);
  for (const app of APPS) if (isStale(app)) buildApp(app);

  const cloud = await startLocalCloud({
    rootDir: ROOT,
    dataDir: path.join(ROOT, '.data'),
    port,
    timers: true,
    hotReload: true,
    log: (line) => console.log(line),
  });
  await seedDemo(cloud);
  const urls = serveApps(cloud);

  console.log('\nDaojia is running (local cloud, demo data):');
  for (const app of APPS) console.log(`  ${app.label.padEnd(22)} ${urls[app.id]}`);
  console.log(`  ${'local cloud dashboard'.padEnd(22)} ${cloud.url}/dashboard/`);
  console.log('\nDemo logins: every app opens on a local login page listing the demo accounts');
  console.log('(consumers, merchant staff, admins). Press Ctrl-C to stop.\n');

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
