import { z } from 'zod';

/**
 * Cloud storage files, pure: what a file id looks like, which files may be stored (types and sizes), and where a
 * person's own uploads go. The apps use it before uploading, the functions to check that a file a caller attaches
 * (a product photo, a store logo) is one that caller uploaded, and the local cloud's storage enforces the same table
 * (storage-rules.json at the repo root declares it for the cloud; a test keeps the two equal).
 *
 * File ids are CloudBase's: `cloud://<env>.<bucket>/<path>`. A person's uploads live under `uploads/<userKey>/`
 * (userKey: the WeChat openid, else the web uid, as `currentCaller()` says); the demo seed's pictures under `seed/`.
 */

export const FILE_ID_PREFIX = 'cloud://';
export const UPLOADS_ROOT = 'uploads';
export const SEED_ROOT = 'seed';

/** What may be stored: per kind, the extensions with their content type, and the largest size in bytes. */
export const FILE_LIMITS = {
  image: { maxBytes: 2 * 1024 * 1024, types: { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } },
  spreadsheet: { maxBytes: 5 * 1024 * 1024, types: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' } },
} as const satisfies Record<string, { maxBytes: number; types: Record<string, string> }>;

export type FileKind = keyof typeof FILE_LIMITS;

/** The storage service's own failure codes (the local cloud's, named like CloudBase's), with the text people see. */
export const STORAGE_ERROR_CODES = {
  STORAGE_PATH_INVALID: '文件路径不合法',
  STORAGE_FILE_TYPE_NOT_ALLOWED: '不支持的文件类型（图片请用 JPG、PNG 或 WebP，表格请用 XLSX 或 CSV）',
  STORAGE_FILE_TOO_LARGE: '文件太大（图片不超过 2 MB，表格不超过 5 MB）',
  STORAGE_CONTENT_MISMATCH: '文件内容与扩展名不符',
  STORAGE_FILE_NONEXIST: '文件不存在或已删除',
  STORAGE_EXCEED_AUTHORITY: '没有权限访问该文件',
  STORAGE_SIGN_INVALID: '文件链接已失效，请重试',
} as const satisfies Record<string, string>;

/** `12 MB`-style text for a byte count (limits shown to people). */
export const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`);

/** The extension of a path or file name, lower case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** Which kind of file a path names, with its content type and size limit; undefined: not a file we store. */
export function fileTypeOf(path: string): { kind: FileKind; ext: string; contentType: string; maxBytes: number } | undefined {
  const ext = extensionOf(path);
  for (const [kind, limit] of Object.entries(FILE_LIMITS) as [FileKind, (typeof FILE_LIMITS)[FileKind]][]) {
    const contentType = (limit.types as Record<string, string>)[ext];
    if (contentType) return { kind, ext, contentType, maxBytes: limit.maxBytes };
  }
  return undefined;
}

/**
 * A storage path we accept: relative, `/`-separated segments of letters, digits, `-`, `_`, `.` (no `.`/`..`
 * segment, no empty one, no backslash), at most 255 characters. Everything that names a file goes through it.
 */
export function isValidCloudPath(path: string): boolean {
  if (typeof path !== 'string' || path.length === 0 || path.length > 255) return false;
  return path.split('/').every((s) => s.length > 0 && s !== '.' && s !== '..' && /^[A-Za-z0-9_.-]+$/.test(s));
}

/** `cloud://<env>.<bucket>/<path>` taken apart; undefined for anything else (an http URL, a malformed id). */
export function parseFileId(fileId: string): { env: string; bucket: string; path: string } | undefined {
  if (typeof fileId !== 'string' || !fileId.startsWith(FILE_ID_PREFIX)) return undefined;
  const rest = fileId.slice(FILE_ID_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const host = rest.slice(0, slash);
  const dot = host.indexOf('.');
  if (dot <= 0 || dot === host.length - 1) return undefined;
  const path = rest.slice(slash + 1);
  if (!isValidCloudPath(path)) return undefined;
  return { env: host.slice(0, dot), bucket: host.slice(dot + 1), path };
}

export const isFileId = (v: string) => parseFileId(v) !== undefined;

/** A user key that can be a path segment (openids and web uids are; anything else never owns a path). */
const keySegment = (userKey: string) => typeof userKey === 'string' && /^[A-Za-z0-9_.-]+$/.test(userKey) && userKey !== '.' && userKey !== '..';

/** The folder a person's uploads go to: `uploads/<userKey>/`. */
export function uploadPrefix(userKey: string): string {
  if (!keySegment(userKey)) throw new Error(`user key ${JSON.stringify(userKey)} cannot name an upload folder`);
  return `${UPLOADS_ROOT}/${userKey}/`;
}

/**
 * A fresh cloud path for a person's upload: `uploads/<userKey>/<folder>/<time>-<random>.<ext>`. `folder` groups
 * uploads by use (`products`, `logo`, `licence`, `reviews`, `imports`); the extension decides the file's type.
 */
export function newUploadPath(userKey: string, ext: string, folder = 'misc', now = Date.now(), random = Math.random().toString(36).slice(2, 10)): string {
  const e = ext.replace(/^\./, '').toLowerCase();
  const f = folder.replace(/[^A-Za-z0-9_-]/g, '') || 'misc';
  const path = `${uploadPrefix(userKey)}${f}/${now.toString(36)}-${random.replace(/[^A-Za-z0-9]/g, '')}.${e}`;
  if (!isValidCloudPath(path)) throw new Error(`cannot make an upload path from ${JSON.stringify({ userKey, ext, folder })}`);
  return path;
}

/**
 * Whether a file id is one of this person's own uploads (`cloud://…/uploads/<userKey>/…`). A function that attaches
 * a file to something (a product photo, a store logo, a licence) checks it, so nobody can attach another person's
 * upload or an arbitrary URL.
 */
export function isOwnUpload(fileId: string, userKey: string): boolean {
  if (!keySegment(userKey)) return false;
  const parsed = parseFileId(fileId);
  return !!parsed && parsed.path.startsWith(`${UPLOADS_ROOT}/${userKey}/`) && parsed.path.length > `${UPLOADS_ROOT}/${userKey}/`.length;
}

/** A file id of the demo seed's pictures (`cloud://…/seed/…`): shipped with the repo, attachable by the seed only. */
export const isSeedFile = (fileId: string) => parseFileId(fileId)?.path.startsWith(`${SEED_ROOT}/`) ?? false;

/** A stored file's id as documents keep it (a product's `images`, a store's `logo`). */
export const fileIdSchema = z.string().refine(isFileId, { message: '须是云存储文件 ID（cloud://…）' });
