/** The wait before retry number `attempt` (1-based): doubling from `baseMs`. */
export const backoffMs = (attempt: number, baseMs: number) => baseMs * 2 ** (attempt - 1);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Bounded retries with exponential backoff, for trigger and timer runs (CloudBase retries async invocations too). */
export async function withRetries<T>(
  run: () => Promise<T>,
  opts: {
    tries: number;
    baseMs: number;
    onRetry: (attempt: number, error: unknown, delayMs: number) => void;
    wait?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= opts.tries) throw e;
      const delayMs = backoffMs(attempt, opts.baseMs);
      opts.onRetry(attempt, e, delayMs);
      await (opts.wait ?? sleep)(delayMs);
    }
  }
}

export const RETRY = { tries: 3, baseMs: Number(process.env.DAOJIA_TRIGGER_RETRY_MS ?? 200) };
