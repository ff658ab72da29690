/** How order-event deliveries are retried, from the function's environment (cloudbaserc.json envVariables). */
export function deliveryConfig() {
  // Unset, empty or not a non-negative number: the default.
  const num = (name: string, fallback: number) => {
    const raw = process.env[name]?.trim();
    const v = Number(raw);
    return raw && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return {
    /** Attempts per (event, subscriber) before the delivery is left `failed` for staff to see and retry. */
    maxAttempts: Math.max(1, num('ORDER_EVENT_MAX_ATTEMPTS', 5)),
    /** The wait before the 2nd attempt; each later wait doubles (10 s, 20 s, 40 s, 80 s by default). */
    retryBaseMs: num('ORDER_EVENT_RETRY_BASE_MS', 10_000),
    /**
     * How long a claimed delivery belongs to its runner: past it, a runner that died is taken over. Longer than the
     * function's timeout (60 s), so a runner still at work is never overtaken.
     */
    leaseMs: num('ORDER_EVENT_LEASE_MS', 120_000),
    /** Events one outbox run works through (oldest first); the rest wait for the next tick. */
    outboxBatch: Math.max(1, num('ORDER_EVENT_OUTBOX_BATCH', 50)),
  };
}

/** The wait before attempt `attempt + 1` after `attempt` failed: doubling from the base. */
export const backoffMs = (attempt: number, baseMs: number) => baseMs * 2 ** (attempt - 1);
