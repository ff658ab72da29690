/** A 6-digit pickup or check-in code; the random source is injected so tests are deterministic. */
export function makeVerificationCode(randomInt: (maxExclusive: number) => number): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}

export const isVerificationCode = (s: string) => /^\d{6}$/.test(s);
