import { startTestCloud } from '../../src/testing';
import { signedInApp } from './sdk';

/**
 * Access tokens here live three seconds, so by the second call the first token has expired on the server and only
 * the SDK's own refresh through /auth/v1/token (what keeps a web session alive for days) can make it succeed.
 */
test('js-sdk keeps a session past its access token: it refreshes and the call still carries the same user', async () => {
  const cloud = await startTestCloud({ accessTokenTtlS: 3 });
  try {
    cloud.db.insert('dev_accounts', [{ _id: 'refresh-user', role: 'consumer', name: '续期测试', description: '' }]);
    const { app } = await signedInApp(cloud.url, 'refresh-user');
    const callers: string[] = [];
    const off = cloud.functions.onInvocation((i) => callers.push(String(i.caller?.uid)));
    const first = await app.callFunction({ name: 'order', data: { action: 'list', data: {} } });
    await new Promise((r) => setTimeout(r, 3500));
    const later = await app.callFunction({ name: 'order', data: { action: 'list', data: {} } });
    off();
    expect(first.result).toMatchObject({ ok: true });
    expect(later.result).toMatchObject({ ok: true });
    expect(callers).toEqual(['refresh-user', 'refresh-user']);
  } finally {
    await cloud.close();
  }
});
