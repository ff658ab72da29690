import http from 'node:http';
import { sendJson, type Request, type Router } from './router';

/**
 * The HTTP server in front of a router: buffers the body, matches the route, and turns a handler's crash into a
 * 500 instead of a hung request. The local cloud and the tests that mount single parts of it share it.
 */
export function createHttpServer(router: Router, log: (line: string) => void = () => {}): http.Server {
  return http.createServer({ keepAlive: true }, (raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', async () => {
      const url = new URL(raw.url ?? '/', 'http://local');
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
