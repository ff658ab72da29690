import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CloudError } from '../errors';

/**
 * The bucket's files on disk: `<dataDir>/storage/files/<path>` holds the bytes, `<dataDir>/storage/meta/<path>.json`
 * what CloudBase keeps beside them (content type, size, etag, who uploaded it, when). Writes go to a temporary file
 * renamed into place, so a reader sees the old file or the new one, never half of one.
 */
export interface FileMeta {
  path: string;
  contentType: string;
  size: number;
  etag: string;
  /** Who uploaded it (resource.openid); null: a function (the server SDK). */
  openid: string | null;
  uploadedAt: string;
}

const metaSchema = z.object({ path: z.string(), contentType: z.string(), size: z.number(), etag: z.string(), openid: z.string().nullable(), uploadedAt: z.string() });

/**
 * A path the storage accepts: relative, '/'-separated segments of letters, digits, '-', '_' and '.', no '.' or '..'
 * segment, at most 255 characters. Whatever names a file passes here before it gets near the file system.
 */
export function isValidPath(p: unknown): p is string {
  return typeof p === 'string' && p.length > 0 && p.length <= 255 && p.split('/').every((s) => s.length > 0 && s !== '.' && s !== '..' && /^[A-Za-z0-9_.-]+$/.test(s));
}

export function requireValidPath(p: unknown): string {
  if (!isValidPath(p)) throw new CloudError('STORAGE_PATH_INVALID', `invalid cloud path ${JSON.stringify(p)}: use relative '/'-separated segments of letters, digits, '-', '_', '.' (no '..')`);
  return p;
}

export function createFileStore(dataDir: string) {
  const root = path.join(dataDir, 'storage');
  const filesDir = path.join(root, 'files');
  const metaDir = path.join(root, 'meta');
  mkdirSync(filesDir, { recursive: true });
  mkdirSync(metaDir, { recursive: true });
  const keyFile = path.join(root, 'sign-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const key = Buffer.from(readFileSync(keyFile, 'utf8'), 'base64');

  /** Belt and braces: the path was validated, and its resolved place must still be inside the folder. */
  const inside = (dir: string, p: string, suffix = '') => {
    const full = path.resolve(dir, requireValidPath(p) + suffix);
    if (!full.startsWith(dir + path.sep)) throw new CloudError('STORAGE_PATH_INVALID', `cloud path ${p} leaves the bucket`);
    return full;
  };

  function meta(p: string): FileMeta | undefined {
    const file = inside(metaDir, p, '.json');
    if (!existsSync(file) || !existsSync(inside(filesDir, p))) return undefined;
    return metaSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }

  const atomicWrite = (file: string, data: Buffer | string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  };

  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const sameSign = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };

  return {
    root,
    meta,
    read(p: string): { meta: FileMeta; body: Buffer } | undefined {
      const m = meta(p);
      return m ? { meta: m, body: readFileSync(inside(filesDir, p)) } : undefined;
    },
    write(p: string, body: Buffer, contentType: string, openid: string | null): FileMeta {
      const m: FileMeta = { path: p, contentType, size: body.length, etag: createHash('md5').update(body).digest('hex'), openid, uploadedAt: new Date().toISOString() };
      atomicWrite(inside(filesDir, p), body);
      atomicWrite(inside(metaDir, p, '.json'), JSON.stringify(m));
      return m;
    },
    remove(p: string): boolean {
      const had = meta(p) !== undefined;
      rmSync(inside(filesDir, p), { force: true });
      rmSync(inside(metaDir, p, '.json'), { force: true });
      return had;
    },
    /** Every file's metadata, path order (the dashboard's list). */
    list(): FileMeta[] {
      const out: FileMeta[] = [];
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const full = path.join(dir, name);
          if (statSync(full).isDirectory()) walk(full);
          else if (name.endsWith('.json')) {
            const m = meta(path.relative(metaDir, full).slice(0, -'.json'.length).split(path.sep).join('/'));
            if (m) out.push(m);
          }
        }
      };
      walk(metaDir);
      return out.sort((a, b) => a.path.localeCompare(b.path));
    },
    /** A signed, expiring token (upload grants, download links): `<payload>.<hmac>`. */
    seal(payload: object): string {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${sign(body)}`;
    },
    open<T>(token: string, schema: z.ZodType<T>): T | undefined {
      const [body, mac, extra] = String(token).split('.');
      if (!body || !mac || extra !== undefined || !sameSign(mac, sign(body))) return undefined;
      try {
        const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    signDownload(p: string, expiresAt: number): string {
      return sign(`get\n${p}\n${expiresAt}`);
    },
    verifyDownload(p: string, expiresAt: number, signature: string): boolean {
      return Number.isInteger(expiresAt) && expiresAt >= Math.floor(Date.now() / 1000) && sameSign(signature, sign(`get\n${p}\n${expiresAt}`));
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
