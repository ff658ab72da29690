import type { IncomingMessage } from 'node:http';
import os from 'node:os';

/** What the server answers instead of routing a request: a status and a `{code, message}` body. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export interface SitePolicyOptions {
  /** The address the server listens on ('127.0.0.1', '0.0.0.0', a LAN address…) and its port. */
  host: string;
  port: number;
  /** Other origins whose pages may call this server (dev servers proxying to it); their hosts are served too. */
  devOrigins: string[];
  /** Why this server counts as production, if it does: dev-only paths are shut then, and dev origins not trusted. */
  production: () => string | undefined;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Endpoints that take JSON: a write to them with any other content type is a browser's "simple" cross-site form. */
const JSON_PATHS = [/^\/admin$/, /^\/dashboard\/api\//];
/**
 * What exists only for local development: dev login, the dashboard and its API, and the sandboxes' unsigned control
 * routes (pay an order, redeliver, advance a rider, read outboxes). Their signed stand-in APIs stay: functions call them.
 */
const DEV_ONLY = [/^\/dev(\/|$)/, /^\/dashboard(\/|$)/, /^\/sandbox\/wechatpay\/(pay|outbox|redeliver|refund-outcome)$/, /^\/sandbox\/sms\/outbox$/, /^\/sandbox\/delivery\/(advance|outbox)$/];

const CORS_HEADERS = {
  // x-cos-*: js-sdk's upload PUT to cloud storage sends them (as it does to COS).
  'access-control-allow-headers': 'authorization, content-type, x-request-id, x-sdk-version, x-device-id, x-cos-meta-fileid, x-cos-security-token',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-max-age': '600',
};

/** This machine's addresses as Host-header names (IPv6 in brackets), for a server listening on all of them. */
function interfaceNames(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => !!a)
    .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
}

/**
 * Who may talk to the local cloud, checked on every request before its body is read:
 * - Host: only the cloud's own names (loopback names and the address it listens on, each with its port, and the
 *   dev origins' hosts), so a page on another domain rebound to 127.0.0.1 (DNS rebinding) is not served.
 * - CORS: pages of the cloud's own origins (the apps are served by it, under /app/) and the dev origins may read
 *   answers; the allowed origin is echoed, never `*`.
 * - Cross-site writes: a state-changing request from a foreign page (its Origin, or Sec-Fetch-Site when a browser
 *   sent no Origin) is refused; a write to a JSON endpoint must say `application/json`, which no HTML form can.
 *   Server-side callers (node-sdk, curl, WeChat Pay callbacks) send neither header and are not affected.
 * - Production: dev-only endpoints are shut.
 */
export function createSitePolicy(o: SitePolicyOptions) {
  const own = [...LOOPBACK, ...(WILDCARD.has(o.host) ? interfaceNames() : [o.host.includes(':') && !o.host.startsWith('[') ? `[${o.host}]` : o.host])];
  const ownHosts = new Set(own.map((n) => `${n.toLowerCase()}:${o.port}`));
  const devOrigins = new Set(o.devOrigins.map((u) => new URL(u).origin));
  const devHosts = new Set([...devOrigins].map((u) => new URL(u).host));

  const trusted = () => !o.production();
  const hostAllowed = (host: string) => ownHosts.has(host) || (trusted() && devHosts.has(host));
  const originAllowed = (origin: string) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    } // 'null' (sandboxed frames, file://) is nobody's origin
    if (url.origin !== origin) return false;
    return (url.protocol === 'http:' && ownHosts.has(url.host)) || (trusted() && devOrigins.has(origin));
  };

  return {
    /** Why this request is refused, if it is. */
    refusal(req: IncomingMessage, path: string): Refusal | undefined {
      const host = (req.headers.host ?? '').toLowerCase();
      if (!hostAllowed(host)) {
        return {
          status: 421,
          code: 'HOST_NOT_ALLOWED',
          message: `this local cloud answers only to ${[...ownHosts].join(', ')}, not to Host "${host}" (a foreign host name pointing here is how DNS rebinding attacks start)`,
        };
      }
      const origin = req.headers.origin;
      const method = req.method ?? 'GET';
      if (!SAFE_METHODS.has(method) || (method === 'OPTIONS' && origin !== undefined)) {
        const site = req.headers['sec-fetch-site'];
        if (origin !== undefined ? !originAllowed(origin) : site === 'cross-site' || site === 'same-site') {
          return {
            status: 403,
            code: 'CROSS_SITE_REQUEST',
            message: `a page of ${origin ?? 'another site'} may not call this local cloud; only its own pages (${[...ownHosts].map((h) => `http://${h}`).join(', ')}) may`,
          };
        }
      }
      if (!SAFE_METHODS.has(method) && JSON_PATHS.some((p) => p.test(path)) && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `${method} ${path} takes JSON: send content-type: application/json` };
      }
      const sign = DEV_ONLY.some((p) => p.test(path)) ? o.production() : undefined;
      if (sign) return { status: 403, code: 'PERMISSION_DENIED', message: `${path} is a local development endpoint, shut because ${sign}` };
      return undefined;
    },
    /** Why a WebSocket upgrade is refused, if it is: browsers let any page open one, so its Origin is checked too. */
    upgradeRefusal(req: IncomingMessage): Refusal | undefined {
      const origin = req.headers.origin;
      if (origin !== undefined && !originAllowed(origin)) return { status: 403, code: 'CROSS_SITE_REQUEST', message: `a page of ${origin} may not open a realtime connection to this local cloud` };
      return this.refusal({ ...req, method: 'GET', headers: req.headers } as IncomingMessage, new URL(req.url ?? '/', 'http://local').pathname);
    },
    /** Headers that let the request's page read the answer: only for an allowed origin, which is echoed. */
    corsHeaders(req: IncomingMessage): Record<string, string> {
      const origin = req.headers.origin;
      return origin && originAllowed(origin) ? { 'access-control-allow-origin': origin, ...CORS_HEADERS } : {};
    },
  };
}

export type SitePolicy = ReturnType<typeof createSitePolicy>;
