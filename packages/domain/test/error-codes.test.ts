import * as errors from '../src/api/errors';
import { ERROR_CODES } from '../src';

test("ERROR_CODES is exactly the capabilities' codes, and no code belongs to two capabilities", () => {
  const groups = Object.entries(errors) as [string, Record<string, string>][];
  const owners = new Map<string, string[]>();
  for (const [group, codes] of groups) for (const code of Object.keys(codes)) owners.set(code, [...(owners.get(code) ?? []), group]);
  expect([...owners].filter(([, g]) => g.length > 1)).toEqual([]);
  expect(Object.keys(ERROR_CODES).sort()).toEqual([...owners.keys()].sort());
  for (const [, codes] of groups) for (const [code, text] of Object.entries(codes)) expect(ERROR_CODES[code as keyof typeof ERROR_CODES]).toBe(text);
});
