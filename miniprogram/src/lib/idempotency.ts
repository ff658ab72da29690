/**
 * A key for one checkout attempt. The server scopes keys per user, so time + randomness is enough; mini-program
 * runtimes have no crypto.getRandomValues.
 */
export function newIdempotencyKey(now: number = Date.now(), random: () => number = Math.random): string {
  const rand = Array.from({ length: 3 }, () =>
    Math.floor(random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0'),
  ).join('');
  return `ck-${now.toString(36)}-${rand}`;
}
