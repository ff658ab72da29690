import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Request, Router } from '../http/router';
import { sendJson } from '../http/router';
import { CloudError, asCloudError } from '../errors';
import type { TokenIssuer } from '../gateway/tokens';
import { sendError } from '../gateway/http';
import { createFileStore, isValidPath, requireValidPath, type FileStore } from './store';
import type { FileType, StorageAuth, StorageRules } from './rules';

export { loadStorageRules, type StorageRules } from './rules';
export type { FileMeta } from './store';

/**
 * CloudBase cloud storage, one bucket, files under the data folder. It speaks what the SDKs speak (read from their
 * source, see docs in /work/shared/notes): node-sdk's /admin actions `storage.getUploadMetadata` (then a PUT of the
 * bytes to the URL it answers), `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`; js-sdk's gateway calls
 * `POST /v1/storages/get-objects-upload-info | get-objects-download-info | delete-objects` (then the same PUT). The
 * upload URL and the download URLs are this cloud's own `/storage/<bucket>/<path>`, signed and expiring as COS's are.
 *
 * Client calls are judged by storage-rules.json; functions bypass the rules. Everyone is bound by its limits: a path
 * must name a declared type (by extension), be no larger than that type allows, and hold what the extension says.
 */
export interface StorageOptions {
  router: Router;
  dataDir: string;
  envId: string;
  /** The cloud's own origin: URLs for requests that came without a usable Host. */
  url: string;
  tokens: TokenIssuer;
  rules: StorageRules;
}

/** How long an upload grant lasts (node-sdk and js-sdk PUT right after asking). */
const UPLOAD_GRANT_S = 10 * 60;
/** A download URL's default lifetime when the caller names none (CloudBase's getTempFileURL gives a day too). */
const DEFAULT_URL_AGE_S = 24 * 60 * 60;
const MAX_URL_AGE_S = 7 * 24 * 60 * 60;

const grantSchema = z.object({ k: z.literal('put'), p: z.string(), o: z.string().nullable(), x: z.number() });

/** The bytes a file of each content type starts with (and a CSV is text: no NUL byte). */
function holdsWhatItSays(contentType: string, body: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => body[i] === b);
  switch (contentType) {
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/webp':
      return body.subarray(0, 4).toString('latin1') === 'RIFF' && body.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return starts(0x50, 0x4b, 0x03, 0x04);
    case 'text/csv':
      return !body.subarray(0, 8192).includes(0);
    default:
      return false;
  }
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** COS answers a failed PUT with an XML <Error>: node-sdk parses exactly that (Code, Message, RequestId, TraceId). */
function sendXmlError(res: ServerResponse, status: number, e: CloudError, resource: string) {
  const id = randomUUID();
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const PUT_STATUS: Record<string, number> = { STORAGE_FILE_TOO_LARGE: 413, STORAGE_SIGN_INVALID: 403, STORAGE_EXCEED_AUTHORITY: 403 };

export function mountStorage(o: StorageOptions) {
  const { router, rules, tokens } = o;
  const store: FileStore = createFileStore(o.dataDir);
  const bucket = `${o.envId}-storage`;
  const fileIdOf = (p: string) => `cloud://${o.envId}.${bucket}/${p}`;
  const originOf = (req: Request) => (req.headers.host ? `http://${req.headers.host}` : o.url);

  /** The path a file id names in this bucket; anything else is a file this storage does not have. */
  function pathOf(fileId: unknown): string {
    const m = typeof fileId === 'string' ? /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId) : null;
    if (!m || m[2] !== bucket) throw new CloudError('STORAGE_FILE_NONEXIST', `no file ${JSON.stringify(fileId)} in bucket ${bucket}`);
    return requireValidPath(m[3]);
  }

  function typeFor(p: string): FileType {
    const type = rules.typeOf(p);
    if (!type)
      throw new CloudError(
        'STORAGE_FILE_TYPE_NOT_ALLOWED',
        `files like ${p} are not stored: the storage takes ${rules.maxBytes ? 'the types storage-rules.json lists' : 'nothing (no storage-rules.json)'}`,
      );
    return type;
  }

  const tooLarge = (type: FileType, size: number) => new CloudError('STORAGE_FILE_TOO_LARGE', `${size} bytes is more than the ${type.maxBytes} bytes a ${type.kind} may have`);

  /** An upload grant for a path: the URL to PUT to and the token that lets that PUT (and only it) through. */
  function grantUpload(req: Request, rawPath: unknown, openid: string | null) {
    const p = requireValidPath(rawPath);
    typeFor(p);
    const token = store.seal({ k: 'put', p, o: openid, x: Math.floor(Date.now() / 1000) + UPLOAD_GRANT_S });
    return {
      url: `${originOf(req)}/storage/${bucket}/${p}`,
      token,
      authorization: `LOCAL ${token}`,
      fileId: fileIdOf(p),
      cosFileId: token.slice(0, 16),
      downloadUrl: downloadUrl(req, p, DEFAULT_URL_AGE_S),
    };
  }

  function downloadUrl(req: Request, p: string, maxAgeS: number) {
    const age = Math.min(Math.max(1, Math.floor(maxAgeS || DEFAULT_URL_AGE_S)), MAX_URL_AGE_S);
    const t = Math.floor(Date.now() / 1000) + age;
    return `${originOf(req)}/storage/${bucket}/${p}?sign=${store.signDownload(p, t)}&t=${t}`;
  }

  /** A web caller as the rules see it; no Authorization header at all is a visitor (auth null), a bad one is refused. */
  async function webAuth(req: Request): Promise<StorageAuth | null> {
    if (!req.headers.authorization) return null;
    const who = await tokens.verify(req.headers.authorization);
    return { uid: who.uid, openid: who.uid, loginType: who.isAnonymous ? 'ANONYMOUS' : 'CUSTOM' };
  }

  const resourceOf = (p: string) => ({ path: p, openid: store.meta(p)?.openid ?? null });
  const exceed = (what: string, p: string) => new CloudError('STORAGE_EXCEED_AUTHORITY', `the storage rules do not allow this caller to ${what} ${p}`);

  // --- the bytes: PUT with an upload grant, GET/HEAD with a signed URL ---
  router.add('PUT', `/storage/:bucket/*`, (req, res) => {
    const raw = req.params.rest ?? '';
    try {
      if (req.params.bucket !== bucket) throw new CloudError('STORAGE_FILE_NONEXIST', `no bucket ${req.params.bucket}`);
      const p = requireValidPath(raw.split('/').map(decodeURIComponent).join('/'));
      // The grant travels as COS's security token (both SDKs send x-cos-security-token; js-sdk's own
      // Authorization header may replace the one it was given), or as the Authorization node-sdk passes on.
      const candidates = [req.headers['x-cos-security-token'], String(req.headers.authorization ?? '').replace(/^LOCAL\s+/, '')];
      const grant = candidates.map((t) => (typeof t === 'string' && t ? store.open(t, grantSchema) : undefined)).find(Boolean);
      if (!grant || grant.p !== p || grant.x < Date.now() / 1000) throw new CloudError('STORAGE_SIGN_INVALID', 'the upload grant is missing, expired or for another path: ask getUploadMetadata again');
      const type = typeFor(p);
      if (req.body.length > type.maxBytes) throw tooLarge(type, req.body.length);
      if (req.body.length === 0 || !holdsWhatItSays(type.contentType, req.body)) throw new CloudError('STORAGE_CONTENT_MISMATCH', `the ${req.body.length} bytes sent are not a ${type.ext} file`);
      store.write(p, req.body, type.contentType, grant.o);
      res.writeHead(200, { etag: `"${store.meta(p)!.etag}"`, 'content-length': 0 });
      res.end();
    } catch (e) {
      const err = asCloudError(e);
      sendXmlError(res, PUT_STATUS[err.code] ?? (err.code === 'SYS_ERR' ? 500 : 400), err, `/${raw}`);
    }
  });

  const serve = (req: Request, res: ServerResponse) => {
    const raw = req.params.rest ?? '';
    let p: string;
    try {
      p = raw.split('/').map(decodeURIComponent).join('/');
    } catch {
      p = '';
    }
    if (req.params.bucket !== bucket || !isValidPath(p)) return sendXmlError(res, 404, new CloudError('NoSuchKey', 'The specified key does not exist.'), `/${raw}`);
    if (!store.verifyDownload(p, Number(req.query.get('t')), req.query.get('sign') ?? ''))
      return sendXmlError(res, 403, new CloudError('AccessDenied', 'Request has expired or the signature does not match'), `/${raw}`);
    const file = store.read(p);
    if (!file) return sendXmlError(res, 404, new CloudError('NoSuchKey', 'The specified key does not exist.'), `/${raw}`);
    const etag = `"${file.meta.etag}"`;
    const headers = {
      'content-type': file.meta.contentType,
      'content-length': String(file.meta.size),
      etag,
      'last-modified': new Date(file.meta.uploadedAt).toUTCString(),
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
      // A spreadsheet is downloaded, not shown; pictures show inline.
      ...(file.meta.contentType.startsWith('image/') ? {} : { 'content-disposition': `attachment; filename="${p.split('/').pop()}"` }),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': headers['cache-control'] });
      return res.end();
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
  router.add('GET', `/storage/:bucket/*`, serve);
  router.add('HEAD', `/storage/:bucket/*`, serve);

  // --- js-sdk (GATEWAY mode): the caller from its access token, judged by the rules ---
  const items = <T>(req: Request, schema: z.ZodType<T>): T[] => {
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8') || '[]');
    } catch {
      throw new CloudError('INVALID_PARAM', 'the body must be JSON');
    }
    const parsed = z.array(schema).min(1).max(100).safeParse(body);
    if (!parsed.success) throw new CloudError('INVALID_PARAM', `the body must be a list of 1 to 100 items: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };
  /** One item's failure is that item's answer (`{code, message}`), as the gateway does; the others go on. */
  const each = <T, R>(list: T[], run: (item: T) => R, key: (item: T) => Record<string, unknown>) =>
    list.map((item) => {
      try {
        return run(item);
      } catch (e) {
        const err = asCloudError(e);
        return { ...key(item), code: err.code, message: err.message };
      }
    });
  const gateway = (name: string, handle: (req: Request, auth: StorageAuth | null) => unknown) =>
    router.add('POST', `/v1/storages/${name}`, async (req, res) => {
      try {
        const auth = await webAuth(req);
        sendJson(res, 200, handle(req, auth));
      } catch (e) {
        sendError(res, e);
      }
    });

  const signedHeader = z.record(z.string(), z.array(z.string())).optional();
  gateway('get-objects-upload-info', (req, auth) =>
    each(
      items(req, z.object({ objectId: z.string(), signedHeader })),
      ({ objectId, signedHeader: h }) => {
        const p = requireValidPath(objectId);
        const type = typeFor(p);
        const length = Number(Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === 'content-length')?.[1]?.[0]);
        if (Number.isFinite(length) && length > type.maxBytes) throw tooLarge(type, length);
        if (!rules.canWrite(auth, resourceOf(p))) throw exceed('write', p);
        const g = grantUpload(req, p, auth?.openid ?? null);
        return { objectId, uploadUrl: g.url, authorization: g.authorization, token: g.token, cloudObjectId: g.fileId, cloudObjectMeta: g.cosFileId, downloadUrl: g.downloadUrl };
      },
      (i) => ({ objectId: i.objectId }),
    ),
  );
  gateway('get-objects-download-info', (req, auth) =>
    each(
      items(req, z.object({ cloudObjectId: z.string(), maxAge: z.number().optional() })),
      ({ cloudObjectId, maxAge }) => {
        const p = pathOf(cloudObjectId);
        if (!rules.canRead(auth, resourceOf(p))) throw exceed('read', p);
        if (!store.meta(p)) throw new CloudError('STORAGE_FILE_NONEXIST', `no file ${cloudObjectId}`);
        return { cloudObjectId, downloadUrl: downloadUrl(req, p, maxAge ?? DEFAULT_URL_AGE_S) };
      },
      (i) => ({ cloudObjectId: i.cloudObjectId }),
    ),
  );
  gateway('delete-objects', (req, auth) =>
    each(
      items(req, z.object({ cloudObjectId: z.string() })),
      ({ cloudObjectId }) => {
        const p = pathOf(cloudObjectId);
        if (!rules.canWrite(auth, resourceOf(p))) throw exceed('delete', p);
        if (!store.remove(p)) throw new CloudError('STORAGE_FILE_NONEXIST', `no file ${cloudObjectId}`);
        return { cloudObjectId };
      },
      (i) => ({ cloudObjectId: i.cloudObjectId }),
    ),
  );

  // --- node-sdk (/admin): a function, with the server's rights (no rules) ---
  const adminFileList = z
    .array(z.object({ fileid: z.string(), max_age: z.number().optional() }))
    .min(1)
    .max(1000);
  function handleAdminAction(action: string, body: Record<string, unknown>, req: Request): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const g = grantUpload(req, body.path, null);
        return { data: { url: g.url, token: g.token, authorization: g.authorization, fileId: g.fileId, cosFileId: g.cosFileId, download_url: g.downloadUrl } };
      }
      case 'storage.batchGetDownloadUrl': {
        const parsed = adminFileList.safeParse(body.file_list);
        if (!parsed.success) throw new CloudError('INVALID_PARAM', 'file_list must be a list of {fileid, max_age}');
        const list = each(
          parsed.data,
          ({ fileid, max_age }) => {
            const p = pathOf(fileid);
            if (!store.meta(p)) throw new CloudError('STORAGE_FILE_NONEXIST', `no file ${fileid}`);
            const url = downloadUrl(req, p, max_age ?? DEFAULT_URL_AGE_S);
            return { code: 'SUCCESS', fileid, fileID: fileid, download_url: url, tempFileURL: url };
          },
          (i) => ({ fileid: i.fileid, fileID: i.fileid, tempFileURL: '' }),
        );
        return { data: { download_list: list } };
      }
      case 'storage.batchDeleteFile': {
        const parsed = z.array(z.string()).min(1).max(1000).safeParse(body.fileid_list);
        if (!parsed.success) throw new CloudError('INVALID_PARAM', 'fileid_list must be a list of file ids');
        const list = each(
          parsed.data,
          (fileID) => {
            if (!store.remove(pathOf(fileID))) throw new CloudError('STORAGE_FILE_NONEXIST', `no file ${fileID}`);
            return { code: 'SUCCESS', fileID };
          },
          (fileID) => ({ fileID }),
        );
        return { data: { delete_list: list } };
      }
      default:
        throw new CloudError('INVALID_ACTION', `action ${action} is not supported by the local cloud`);
    }
  }

  /** A signed download URL for a path, on the origin given (the dashboard's own); the same for an hour, so a page polling it does not reload its pictures. */
  const urlOf = (p: string, origin = o.url) => {
    const t = Math.ceil((Date.now() / 1000 + DEFAULT_URL_AGE_S) / 3600) * 3600;
    return `${origin}/storage/${bucket}/${p}?sign=${store.signDownload(p, t)}&t=${t}`;
  };

  return { bucket, store, fileIdOf, urlOf, handleAdminAction };
}

export type Storage = ReturnType<typeof mountStorage>;
