/**
 * Errors travel to SDKs as HTTP 200 `{ requestId, code, message }`, which is how CloudBase answers
 * and what @cloudbase/node-sdk turns into a thrown error. Codes are CloudBase's own where one exists.
 */
export class CloudError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const isCloudError = (e: unknown): e is CloudError => e instanceof CloudError;

/** Anything thrown, as the error a client gets: a CloudError as is, anything else as CloudBase's `SYS_ERR`. */
export const asCloudError = (e: unknown): CloudError => (e instanceof CloudError ? e : new CloudError('SYS_ERR', (e as Error).message));
