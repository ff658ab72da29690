/** The event an HTTP-triggered function receives (CloudBase HTTP access / the local cloud's /http/<name>). */
export interface HttpEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

export interface HttpReply {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

export function rawBody(event: HttpEvent): string {
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
}

/** Header lookup regardless of case (gateways differ in what they preserve). */
export function header(event: HttpEvent, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === lower) return v;
  return undefined;
}
