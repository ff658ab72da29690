import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import sirv from 'sirv';
import type { LocalCloud } from '@daojia/local-cloud';

export const ROOT = path.resolve(__dirname, '../..');

/** The three front ends, where their builds land and where the local cloud serves them. */
export const APPS = [
  {
    id: 'consumer',
    label: '用户端 (consumer H5)',
    workspace: '@daojia/miniprogram',
    script: 'build:h5',
    dist: 'miniprogram/dist/h5',
    src: ['miniprogram/src', 'packages/cloud-client/src', 'packages/domain/src'],
  },
  {
    id: 'merchant',
    label: '商家端 (merchant H5)',
    workspace: '@daojia/merchant-miniprogram',
    script: 'build:h5',
    dist: 'merchant-miniprogram/dist/h5',
    src: ['merchant-miniprogram/src', 'packages/cloud-client/src', 'packages/domain/src'],
  },
  { id: 'admin', label: '管理后台 (admin web)', workspace: '@daojia/admin-web', script: 'build', dist: 'admin-web/dist', src: ['admin-web/src', 'packages/cloud-client/src', 'packages/domain/src'] },
] as const;

export type App = (typeof APPS)[number];

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** A build is stale when any source file is newer than its index.html (or there is none). */
export function isStale(app: App): boolean {
  const index = path.join(ROOT, app.dist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return app.src.some((dir) => newestMtime(path.join(ROOT, dir)) > built);
}

export function buildApp(app: App, script: string = app.script): void {
  const started = Date.now();
  const result = spawnSync('npm', ['run', script, '-w', app.workspace], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`build of ${app.id} (${script}) failed`);
  }
  console.log(`built ${app.id} (${script}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Serves each built app under /app/<id>/ on the local cloud, so apps reach the cloud at their own origin. */
export function serveApps(cloud: LocalCloud): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const app of APPS) {
    const prefix = `/app/${app.id}`;
    const handler = sirv(path.join(ROOT, app.dist), { single: true, dev: true, etag: true });
    // Without the trailing slash relative asset URLs would resolve outside the app.
    cloud.router.add('GET', prefix, (_req, res) => {
      res.writeHead(302, { location: `${prefix}/` }).end();
    });
    cloud.router.add('GET', `${prefix}/*`, (req, res) => {
      req.raw.url = req.raw.url!.slice(prefix.length) || '/';
      handler(req.raw, res, () => {
        res.writeHead(404).end('not built');
      });
    });
    urls[app.id] = `${cloud.url}${prefix}/`;
  }
  return urls;
}
