import { startTestCloud } from '../../src/testing';

test('dev login is refused when the production configuration is present', async () => {
  const cloud = await startTestCloud();
  const saved = process.env.DAOJIA_MODE;
  try {
    process.env.DAOJIA_MODE = 'production';
    const list = await fetch(`${cloud.url}/dev/accounts`);
    expect(list.status).toBe(403);
    const login = await fetch(`${cloud.url}/dev/ticket`, { method: 'POST', body: JSON.stringify({ accountId: 'demo-admin' }) });
    expect(await login.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
  } finally {
    if (saved === undefined) delete process.env.DAOJIA_MODE; else process.env.DAOJIA_MODE = saved;
    await cloud.close();
  }
});
