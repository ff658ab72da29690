/** `npm run bench`: every benchmark in turn. Each prints its own figures; none asserts. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

for (const script of ['db.ts']) {
  console.log(`\n== bench/${script}`);
  const r = spawnSync('npx', ['tsx', path.join(__dirname, script)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
