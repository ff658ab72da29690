import type { Router } from '../http/router';
import type { FunctionConfig } from './config';
import type { CallerIdentity, InvocationKind } from './host';

type Invoke = (name: string, event: unknown, identity?: CallerIdentity, kind?: InvocationKind) => Promise<unknown>;

interface HttpReply {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: unknown;
  isBase64Encoded?: boolean;
}

/**
 * HTTP-triggered functions (payment, refund and delivery callbacks) at /http/<name>. The body reaches the function as
 * the exact bytes received, because callers sign the raw body.
 */
export function mountHttpFunctions(router: Router, opts: { functions: Map<string, FunctionConfig>; invoke: Invoke }) {
  router.add('*', '/http/:name/*', async (req, res) => {
    const config = opts.functions.get(req.params.name);
    if (!config?.http) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'FUNCTIONS_NOT_FOUND', message: `no HTTP function ${req.params.name}` }));
      return;
    }
    const text = req.body.toString('utf8');
    const binary = !Buffer.from(text, 'utf8').equals(req.body);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const event = {
      path: req.path,
      httpMethod: req.method,
      headers,
      queryStringParameters: Object.fromEntries(req.query),
      body: binary ? req.body.toString('base64') : text,
      isBase64Encoded: binary,
    };
    let reply: unknown;
    try {
      reply = await opts.invoke(config.name, event, { source: 'http', clientIp: req.raw.socket.remoteAddress }, 'http');
    } catch (e) {
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ code: (e as { code?: string }).code ?? 'FUNCTIONS_EXECUTE_FAIL', message: (e as Error).message }));
      return;
    }
    const r = reply as HttpReply;
    if (r && typeof r === 'object' && 'statusCode' in r) {
      const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.statusCode ?? 200, r.headers ?? {}).end(r.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply ?? null));
    }
  });
}
