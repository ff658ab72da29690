import { PERMISSIONS, permissionsOf, type Permission, type Principal } from '@daojia/domain';
import { TILES, termsText, tilesFor } from '../src/lib/workbench';

const person = (role: 'owner' | 'clerk'): Principal => ({ userKey: 'u', anonymous: false, stores: [{ storeId: 's', role }], platform: null });
const tileIds = (role: 'owner' | 'clerk') => tilesFor(permissionsOf(person(role), { storeId: 's' })).map((t) => t.id);

test('the owner sees every tile; a clerk only the counter’s (orders, verify, settings to read, shelf and stock, reviews): no finance, import, marketing or staff', () => {
  expect(tileIds('owner')).toEqual(TILES.map((t) => t.id));
  expect(tileIds('clerk')).toEqual(['orders', 'verify', 'settings', 'catalog', 'reviews']);
  expect(tilesFor([])).toEqual([]);
});

test('every tile names a staff permission of the catalogue', () => {
  for (const t of TILES) expect([t.id, PERMISSIONS[t.permission as Permission].audience]).toEqual([t.id, 'staff']);
});

test('terms read as the rate, with the free period while it lasts', () => {
  const terms = { commissionRateBp: 800, freeUntil: '2027-03-03T04:00:00.000Z' };
  expect(termsText(terms, new Date('2026-12-03T00:00:00Z'))).toBe('佣金 8%，2027-03-03 前免佣');
  expect(termsText(terms, new Date('2027-04-01T00:00:00Z'))).toBe('佣金 8%');
  expect(termsText({ commissionRateBp: 1050, freeUntil: '2020-01-01T00:00:00.000Z' })).toBe('佣金 10.5%');
  expect(termsText(undefined)).toBe('');
});
