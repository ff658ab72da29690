/** Waits until `read()` gives a value `ok` accepts; fails with the last value seen, so a failure says what was there. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const textContains = (needle: string) => (v: string | null) => (v ?? '').includes(needle);

/**
 * Waits until the element shows text matching `want`. Pages render data after their request returns, so a single
 * read right after an element appears can see its placeholder; every check of shown data goes through here.
 */
export function shows(
  page: { textContent(selector: string, options?: { timeout?: number }): Promise<string | null> },
  selector: string,
  want: string | RegExp,
  timeoutMs = 10_000,
): Promise<string | null> {
  const ok = (v: string | null) => (typeof want === 'string' ? (v ?? '').includes(want) : want.test(v ?? ''));
  return until(() => page.textContent(selector, { timeout: timeoutMs }).catch(() => null), ok, `${selector} shows ${want}`, timeoutMs);
}
