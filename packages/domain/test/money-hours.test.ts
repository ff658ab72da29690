import { formatFen, isOpen, makeVerificationCode, parseYuan, percentOfFen, sumFen } from '../src';

test('fen helpers: display, half-up percentages, integers only', () => {
  expect(formatFen(1230)).toBe('¥12.30');
  expect(formatFen(5)).toBe('¥0.05');
  expect(formatFen(-250)).toBe('-¥2.50');
  expect(percentOfFen(1005, 1000)).toBe(101); // 100.5 rounds half up
  expect(percentOfFen(1004, 1000)).toBe(100);
  expect(sumFen([1, 2, 3])).toBe(6);
  expect(() => sumFen([1.5])).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
});

test('opening hours are read in Shanghai time, including ranges past midnight', () => {
  const hours = Array.from({ length: 7 }, () => [{ open: 17 * 60, close: 2 * 60 }]); // 17:00–02:00
  expect(isOpen(hours, '2026-11-25T10:00:00Z')).toBe(true); // 18:00 Shanghai
  expect(isOpen(hours, '2026-11-25T17:30:00Z')).toBe(true); // 01:30 next day
  expect(isOpen(hours, '2026-11-25T19:00:00Z')).toBe(false); // 03:00
  expect(isOpen(hours, '2026-11-25T04:00:00Z')).toBe(false); // 12:00
});

test('verification codes are six digits from the injected source', () => {
  expect(makeVerificationCode(() => 42)).toBe('000042');
  expect(makeVerificationCode(() => 999_999)).toBe('999999');
});

test('typed yuan becomes fen exactly, and anything ambiguous is refused', () => {
  expect(parseYuan('12')).toBe(1200);
  expect(parseYuan(' 12.5 ')).toBe(1250);
  expect(parseYuan('0.07')).toBe(7);
  expect(parseYuan('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999999999998 in floats
  for (const bad of ['', '-1', '1.234', '1,5', 'abc', '.5', '1.']) expect(parseYuan(bad)).toBeNull();
});
