/**
 * The access module reads `merchant_staff` and `admins` through their schemas into the policy's principal. The
 * database is a stand-in answering each collection's reads with the given documents and counting the queries
 * (cloudfunctions/test/authorization.test.ts runs the real thing).
 */
const stored: Record<string, unknown[]> = {};
const reads: string[] = [];

jest.mock('../src/runtime', () => {
  const query = (collection: string): any =>
    new Proxy(
      {},
      {
        get: (_t, method: string) => {
          if (method === 'get')
            return async () => {
              reads.push(collection);
              return { data: stored[collection] ?? [] };
            };
          if (method === 'then') return undefined;
          return () => query(collection);
        },
      },
    );
  return {
    db: { collection: (name: string) => query(name) },
    _: { in: (values: unknown[]) => ({ in: values }) },
    readAll: async (q: { get(): Promise<{ data: unknown[] }> }) => (await q.get()).data,
  };
});

import { MalformedDocument } from '../src/repository-kit';
import { actingStaff, platformAdmin, platformScope, principalFor } from '../src/access';

const caller = (userKey: string, isAnonymous = false) => ({ userKey, openId: '', uid: userKey, isAnonymous });
beforeEach(() => {
  for (const k of Object.keys(stored)) delete stored[k];
  reads.length = 0;
});

test('a person working at two stores: every row read (no limit of one), their role per store, in two queries', async () => {
  stored.merchant_staff = [
    { _id: 'a', userKey: 'u1', storeId: 'store-001', role: 'clerk', name: '店员' },
    { _id: 'b', userKey: 'u1', storeId: 'store-002', role: 'owner', name: '店长' },
  ];
  const access = await principalFor(caller('u1'));
  expect(access.principal).toEqual({
    userKey: 'u1',
    anonymous: false,
    stores: [
      { storeId: 'store-001', role: 'clerk' },
      { storeId: 'store-002', role: 'owner' },
    ],
    platform: null,
  });
  expect(reads.sort()).toEqual(['admins', 'merchant_staff']);
  expect(actingStaff(access, 'store.refunds.decide', 'store-002')).toMatchObject({ _id: 'b', role: 'owner' });
  expect(() => actingStaff(access, 'store.orders.serve')).toThrow(expect.objectContaining({ code: 'STORE_REQUIRED' }));
});

test('admins: roles and regions, and the older one-role shape read the same way', async () => {
  stored.admins = [{ _id: 'x', userKey: 'u2', role: 'region_manager', region: '静安区', name: '静安区区域经理' }];
  const old = await principalFor(caller('u2'));
  expect(old.principal.platform).toEqual({ roles: ['region_manager'], regions: ['静安区'] });
  expect(platformAdmin(old, 'platform.signin')).toMatchObject({ roles: ['region_manager'], regions: ['静安区'], role: 'region_manager', region: '静安区' });

  stored.admins = [{ _id: 'y', userKey: 'u3', roles: ['finance', 'customer_service'], name: '财务兼客服' }];
  const national = await principalFor(caller('u3'));
  expect(platformAdmin(national, 'platform.refunds.manage')).toMatchObject({ role: 'finance' });
  expect(platformAdmin(national, 'platform.refunds.manage').region).toBeUndefined();
  expect(platformScope(national)).toEqual({});

  stored.admins = [{ _id: 'z', userKey: 'u4', roles: ['region_manager'], regions: ['静安区', '徐汇区'], name: '两区经理' }];
  const two = await principalFor(caller('u4'));
  expect(platformScope(two)).toEqual({ region: { in: ['静安区', '徐汇区'] } });
  expect(platformScope(two, '徐汇区')).toEqual({ region: '徐汇区' });
  expect(platformAdmin(two, 'platform.signin').region).toBe('静安区、徐汇区');
});

test('rows the schemas refuse fail loudly, naming the document; an anonymous caller is not looked up at all', async () => {
  stored.merchant_staff = [{ _id: 'bad', userKey: 'u1', storeId: 'store-001', role: 'manager', name: '?' }];
  await expect(principalFor(caller('u1'))).rejects.toThrow(MalformedDocument);
  stored.merchant_staff = [];
  stored.admins = [{ _id: 'nobody', userKey: 'u1', name: '无角色' }];
  await expect(principalFor(caller('u1'))).rejects.toThrow('admins document nobody does not match its schema');
  reads.length = 0;
  expect((await principalFor(caller('anon-1', true))).principal).toMatchObject({ stores: [], platform: null, anonymous: true });
  expect(reads).toEqual([]);
});
