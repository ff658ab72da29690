import type { ServerResponse } from 'node:http';
import { sendJson, type Request } from '../http/router';
import { CloudError, asCloudError } from '../errors';

export function jsonBody(req: Request): unknown {
  try {
    return JSON.parse(req.body.toString('utf8') || '{}');
  } catch {
    throw new CloudError('INVALID_PARAM', 'the body must be JSON');
  }
}

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  INVALID_ACCESS_TOKEN: 401,
  ACCESS_TOKEN_EXPIRED: 401,
  PERMISSION_DENIED: 403,
  INVALID_PARAM: 400,
  DATABASE_DOCUMENT_NOT_EXIST: 404,
  FUNCTIONS_NOT_FOUND: 404,
};

/** Errors go out as `{code, message}` with an HTTP status, which is what js-sdk's fetch adapter rejects with. */
export function sendError(res: ServerResponse, e: unknown): void {
  const err = asCloudError(e);
  sendJson(res, STATUS[err.code] ?? 500, { code: err.code, message: err.message });
}
