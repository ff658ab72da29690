/**
 * `npm run cloud -- [--port 9000] [--data .data] [--reset] [--seed]`: the local cloud alone, for function and
 * integration work without the apps.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '@daojia/local-cloud';

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      data: { type: 'string', default: path.join(ROOT, '.data') },
      reset: { type: 'boolean', default: false },
      seed: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const dataDir = path.resolve(values.data!);
  if (values.reset && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });

  const cloud = await startLocalCloud({ rootDir: ROOT, dataDir, port, timers: true, hotReload: true, log: values.quiet ? undefined : (l) => console.log(l) });
  if (values.seed) {
    const seedPath = path.join(ROOT, 'scripts', 'seed', 'index.ts');
    if (!existsSync(seedPath)) throw new Error(`--seed: ${seedPath} does not exist`);
    const { seedDemo } = await import(seedPath);
    const { seeded } = await seedDemo(cloud);
    console.log(seeded ? `demo data seeded into ${dataDir}` : `demo data already in ${dataDir}; kept as it is`);
  }
  console.log(`Local cloud ready at ${cloud.url}`);

  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
