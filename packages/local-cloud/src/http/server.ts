import http from 'node:http';
import { sendJson, type Request, type Router } from './router';
import type { SitePolicy } from './policy';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  log?: (line: string) => void;
  /** Who may call (Host, Origin, cross-site writes, production's shut paths); none: anyone (tests of single parts). */
  policy?: () => SitePolicy | undefined;
  maxBodyBytes?: number;
  /** A larger cap for some routes (cloud storage uploads); undefined: maxBodyBytes. */
  maxBodyBytesFor?: (method: string, path: string) => number | undefined;
}

/**
 * The HTTP server in front of a router: checks the site policy, buffers the body up to a cap, matches the route,
 * and turns a handler's crash into a 500 instead of a hung request. The local cloud and the tests that mount single
 * parts of it share it.
 */
export function createHttpServer(router: Router, opts: HttpServerOptions = {}): http.Server {
  const log = opts.log ?? (() => {});
  const defaultCap = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  return http.createServer({ keepAlive: true }, (raw, res) => {
    const url = new URL(raw.url ?? '/', 'http://local');
    const cap = opts.maxBodyBytesFor?.(raw.method ?? 'GET', url.pathname) ?? defaultCap;
    const policy = opts.policy?.();
    res.setHeader('vary', 'origin');
    for (const [k, v] of Object.entries(policy?.corsHeaders(raw) ?? {})) res.setHeader(k, v);
    // Refused before the body is read; the connection closes rather than drain what the client still sends.
    const refuse = (status: number, code: string, message: string) => {
      res.setHeader('connection', 'close');
      sendJson(res, status, { code, message });
      raw.resume();
    };
    const refusal = policy?.refusal(raw, url.pathname);
    if (refusal) return refuse(refusal.status, refusal.code, refusal.message);
    if (raw.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    } // a preflight the policy let through

    const tooLarge = () => refuse(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${cap} bytes`);
    if (Number(raw.headers['content-length'] ?? 0) > cap) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    raw.on('data', (c: Buffer) => {
      size += c.length;
      if (size > cap) {
        raw.removeAllListeners('data');
        raw.removeAllListeners('end');
        tooLarge();
        return;
      }
      chunks.push(c);
    });
    raw.on('end', async () => {
      const matched = router.match(raw.method ?? 'GET', url.pathname);
      if (!matched) return sendJson(res, 404, { code: 'NOT_FOUND', message: `no route ${raw.method} ${url.pathname}` });
      const req: Request = { method: raw.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: raw.headers, body: Buffer.concat(chunks), params: matched.params, raw };
      try {
        await matched.handler(req, res);
      } catch (e) {
        log(`[http] ${req.method} ${req.path} failed: ${(e as Error).stack ?? e}`);
        if (!res.headersSent) sendJson(res, 500, { code: 'INTERNAL_ERROR', message: (e as Error).message });
      }
    });
  });
}
