/**
 * Turning file ids into URLs for the web, batched and cached: every image on a page asks for its URL in the same
 * tick, and one getTempFileURL call answers them all; a URL is reused until it is close to expiring. http(s) URLs
 * are not file ids and pass through as they are. Pure (no Taro), so it runs under jest.
 */
export type FetchUrls = (fileIds: string[]) => Promise<Record<string, string>>;

export interface FileUrlResolver {
  /** The URL for a file id (undefined: the storage has no such file, or it may not be read). */
  resolve(fileId: string): Promise<string | undefined>;
  /** A URL already known, for the first render: no request. */
  peek(fileId: string): string | undefined;
  /** Forget everything (after sign-out, or when a file was replaced). */
  clear(): void;
}

export const isHttpUrl = (v: string) => /^https?:\/\//i.test(v);

/**
 * `ttlMs`: how long a URL is reused. The local cloud's URLs last a day and CloudBase's getTempFileURL default is
 * longer still; an hour leaves a page open all afternoon well inside that.
 */
export function createFileUrlResolver(fetchUrls: FetchUrls, opts: { ttlMs?: number; now?: () => number; maxBatch?: number } = {}): FileUrlResolver {
  const ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
  const now = opts.now ?? Date.now;
  const maxBatch = opts.maxBatch ?? 50;
  const cache = new Map<string, { url: string | undefined; at: number }>();
  const waiting = new Map<string, { promise: Promise<string | undefined>; settle: (url: string | undefined) => void; fail: (e: unknown) => void }>();
  let queued: string[] = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    const ids = queued;
    queued = [];
    for (let i = 0; i < ids.length; i += maxBatch) {
      const batch = ids.slice(i, i + maxBatch);
      fetchUrls(batch).then(
        (urls) => {
          const at = now();
          for (const id of batch) {
            cache.set(id, { url: urls[id], at });
            waiting.get(id)?.settle(urls[id]);
            waiting.delete(id);
          }
        },
        (e) => {
          // Not cached: the next render asks again.
          for (const id of batch) {
            waiting.get(id)?.fail(e);
            waiting.delete(id);
          }
        },
      );
    }
  }

  const fresh = (id: string) => {
    const hit = cache.get(id);
    return hit && now() - hit.at < ttlMs ? hit : undefined;
  };

  return {
    resolve(fileId) {
      if (!fileId) return Promise.resolve(undefined);
      if (isHttpUrl(fileId)) return Promise.resolve(fileId);
      const hit = fresh(fileId);
      if (hit) return Promise.resolve(hit.url);
      const pending = waiting.get(fileId);
      if (pending) return pending.promise;
      let settle!: (url: string | undefined) => void;
      let fail!: (e: unknown) => void;
      const promise = new Promise<string | undefined>((res, rej) => {
        settle = res;
        fail = rej;
      });
      waiting.set(fileId, { promise, settle, fail });
      queued.push(fileId);
      if (!scheduled) {
        scheduled = true;
        setTimeout(flush, 0); // everything asked for in this tick goes in one request
      }
      return promise;
    },
    peek(fileId) {
      if (!fileId) return undefined;
      return isHttpUrl(fileId) ? fileId : fresh(fileId)?.url;
    },
    clear() {
      cache.clear();
    },
  };
}
