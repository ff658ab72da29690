import cloudbase from '@cloudbase/js-sdk';
import { CloudCallError, createCloudClient, createWebClient } from '../src';

/**
 * Local or production is decided by configuration only: with a real CloudBase env id the web client leaves js-sdk on
 * CloudBase's own endpoints and offers no dev login; without one it points js-sdk at the local cloud. js-sdk keeps
 * its endpoints per env id in one registry (each init resets them to CloudBase's), so an app made on the same env id
 * just before the client shows where the client's app points afterwards.
 */
function watchEndpoints(env: string) {
  const probe = cloudbase.init({ env, persistence: 'none' } as Parameters<typeof cloudbase.init>[0]);
  return () => probe.getEndPointWithKey('GATEWAY' as never) as { BASE_URL: string; PROTOCOL: string };
}

test('without a CloudBase env id the web build goes to the local cloud at its origin, dev login included', () => {
  const gateway = watchEndpoints('daojia-local-consumer');
  createCloudClient({ app: 'consumer', localUrl: 'http://127.0.0.1:9123' });
  expect(gateway()).toEqual({ BASE_URL: '//127.0.0.1:9123/v1', PROTOCOL: 'http:' });
});

test("with a CloudBase env id it stays on CloudBase's endpoints for that env and offers no dev login", async () => {
  const env = 'daojia-prod-7f3a9c';
  const gateway = watchEndpoints(env);
  const client = createCloudClient({ app: 'consumer', cloudEnv: env, localUrl: 'http://127.0.0.1:9123' });
  expect(gateway()).toEqual({ BASE_URL: `//${env}.api.tcloudbasegateway.com/v1`, PROTOCOL: 'https:' });
  for (const attempt of [client.devAccounts(), client.devLogin('demo-consumer-1')]) {
    await expect(attempt).rejects.toEqual(new CloudCallError('DEV_LOGIN_UNAVAILABLE', '正式环境不提供演示账号登录'));
  }
});

test('createWebClient (the admin panel) follows the same switch', () => {
  const spy = jest.spyOn(Object.getPrototypeOf(cloudbase.init({ env: 'probe', persistence: 'none' } as never)), 'registerHost');
  try {
    createWebClient({ env: 'daojia-prod-admin', production: true, persistence: 'none' });
    expect(spy).not.toHaveBeenCalled();
    createWebClient({ env: 'daojia-local-admin-test', baseUrl: 'https://127.0.0.1:9443', persistence: 'none' });
    expect(spy).toHaveBeenCalledWith('127.0.0.1:9443', 'https');
  } finally {
    spy.mockRestore();
  }
});
