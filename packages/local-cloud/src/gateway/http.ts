import type { ServerResponse } from 'node:http';
import { sendJson, type Request, type Router } from '../http/router';
import { CloudError, asCloudError } from '../errors';

/** Browsers call the gateway from the apps' pages; js-sdk sends these headers and methods. */
export const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type, x-request-id, x-sdk-version, x-device-id', 'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS' };

export const allowPreflight = (router: Router, path: string) => router.add('OPTIONS', path, (_req, res) => { res.writeHead(204, CORS).end(); });

export function jsonBody(req: Request): unknown {
  try { return JSON.parse(req.body.toString('utf8') || '{}'); } catch { throw new CloudError('INVALID_PARAM', 'the body must be JSON'); }
}

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401, INVALID_ACCESS_TOKEN: 401, ACCESS_TOKEN_EXPIRED: 401, PERMISSION_DENIED: 403,
  INVALID_PARAM: 400, DATABASE_DOCUMENT_NOT_EXIST: 404, FUNCTIONS_NOT_FOUND: 404,
};

/** Errors go out as `{code, message}` with an HTTP status, which is what js-sdk's fetch adapter rejects with. */
export function sendError(res: ServerResponse, e: unknown): void {
  const err = asCloudError(e);
  sendJson(res, STATUS[err.code] ?? 500, { code: err.code, message: err.message }, CORS);
}
