import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  params: Record<string, string>;
  raw: IncomingMessage;
}

export type Handler = (req: Request, res: ServerResponse) => unknown | Promise<unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** A tiny method + path router: `/v1/functions/:name`, `/dashboard/*`. First match wins. */
export function createRouter() {
  const routes: Route[] = [];

  function add(method: string, path: string, handler: Handler) {
    const keys: string[] = [];
    const source = path
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\/\*$/, '(?:/(?<rest>.*))?')
      .replace(/:(\w+)/g, (_, k: string) => {
        keys.push(k);
        return `(?<${k}>[^/]+)`;
      });
    routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), keys, handler });
  }

  function match(method: string, path: string) {
    for (const r of routes) {
      if (r.method !== '*' && r.method !== method) continue;
      const m = r.pattern.exec(path);
      if (m) return { handler: r.handler, params: { ...(m.groups ?? {}) } as Record<string, string> };
    }
    return undefined;
  }

  return { add, match };
}

export type Router = ReturnType<typeof createRouter>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
