import { z } from 'zod';
import { DomainError } from '@daojia/domain';

// Loading function-kit runs tcb.init(); say where we are so the SDK does not probe cloud metadata hosts.
process.env.TENCENTCLOUD_RUNENV ??= 'SCF';
process.env.TENCENTCLOUD_REGION ??= 'ap-shanghai';
process.env.SCF_NAMESPACE ??= 'contract-test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { action, defineFunction } = require('../src/define') as typeof import('../src/define');

const echo = z.object({ say: z.string() });
let reply: unknown;
let thrown: DomainError | undefined;
const main = defineFunction('demo', {
  talk: action({
    input: z.object({}).strict(),
    output: echo,
    errors: ['STORE_CLOSED'],
    permission: 'store.browse',
    async handler() {
      if (thrown) throw thrown;
      return reply as z.input<typeof echo>;
    },
  }),
});

const call = () => main({ action: 'talk', data: {} });
const logged: string[] = [];
beforeEach(() => {
  reply = { say: '你好' };
  thrown = undefined;
  logged.length = 0;
  jest.spyOn(console, 'error').mockImplementation((msg: string) => {
    logged.push(msg);
  });
});
afterEach(() => jest.restoreAllMocks());

test('a reply that matches its declared output goes out as the handler made it', async () => {
  reply = { say: '你好', extra: 1 };
  expect(await call()).toEqual({ ok: true, data: { say: '你好', extra: 1 } });
  expect(logged).toEqual([]);
});

test('a reply that breaks its output schema is logged as a contract breach naming the field, and still goes out', async () => {
  reply = { say: 42 };
  expect(await call()).toEqual({ ok: true, data: { say: 42 } });
  expect(logged.join('\n')).toContain('contract breach: demo.talk reply does not match its output schema');
  expect(logged.join('\n')).toContain('say');
});

test('a declared business error passes through silently; an undeclared one goes out unchanged and is logged', async () => {
  thrown = new DomainError('STORE_CLOSED', '店铺暂停营业');
  expect(await call()).toEqual({ ok: false, code: 'STORE_CLOSED', message: '店铺暂停营业' });
  expect(logged).toEqual([]);
  thrown = new DomainError('OUT_OF_STOCK', '已售罄');
  expect(await call()).toEqual({ ok: false, code: 'OUT_OF_STOCK', message: '已售罄' });
  expect(logged.join('\n')).toContain('contract breach: demo.talk replied OUT_OF_STOCK, which is not in its declared errors');
});

test('transport errors need no declaration, and prototype names are not actions', async () => {
  expect(await main({ action: 'talk', data: { x: 1 } })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请求参数有误：请求含不支持的字段 x' });
  expect(await main({ action: 'toString' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  expect(await main({})).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请求参数有误：缺少操作' });
});

test('an action declaring a permission the catalogue does not have fails when its function is defined, not when called', () => {
  const bad = { input: z.object({}), output: echo, errors: [], permission: 'store.everything', handler: async () => ({ say: '' }) };
  expect(() => defineFunction('typo', { bad: bad as never })).toThrow('typo.bad declares unknown permission store.everything');
});
