/** Bounded retries with exponential backoff, for trigger and timer runs (CloudBase retries async invocations too). */
export async function withRetries<T>(run: () => Promise<T>, opts: { tries: number; baseMs: number; onRetry: (attempt: number, error: unknown) => void }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= opts.tries) throw e;
      opts.onRetry(attempt, e);
      await new Promise((r) => setTimeout(r, opts.baseMs * 2 ** (attempt - 1)));
    }
  }
}

export const RETRY = { tries: 3, baseMs: Number(process.env.DAOJIA_TRIGGER_RETRY_MS ?? 200) };
