import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSmsClient, parseSmsConfigFromEnv, tc3Sign, type SmsError } from '@daojia/integrations';
import { createHttpServer } from '../../src/http/server';
import { createRouter } from '../../src/http/router';
import { mountSandboxes } from '../../src/sandboxes';

let dataDir: string;
let url: string;
let env: Record<string, string>;
let close: () => Promise<void>;

async function start() {
  const router = createRouter();
  const server = createHttpServer(router);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sandboxes = await mountSandboxes({ router, dataDir, cloudUrl: url, log: () => {} });
  env = sandboxes.env;
  close = async () => {
    sandboxes.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daojia-sms-'));
  await start();
});
afterAll(async () => {
  await close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const outbox = async (phone?: string) => (await (await fetch(`${url}/sandbox/sms/outbox${phone ? `?phone=${encodeURIComponent(phone)}` : ''}`)).json()) as { messages: Array<Record<string, unknown>> };
const rejects = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: SmsError) => e,
  );

test('the production adapter sends through the sandbox; success is per number and each is in the outbox', async () => {
  const sms = createSmsClient(parseSmsConfigFromEnv(env));
  const { requestId, results } = await sms.sendSms({ phoneNumbers: ['13800138000', '+861234567'], templateId: '1234567', templateParams: ['386521', '5'], sessionContext: 'order-1' });
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(results).toEqual([
    expect.objectContaining({ phoneNumber: '+8613800138000', ok: true, code: 'Ok', fee: 1, isoCode: 'CN' }),
    expect.objectContaining({ phoneNumber: '+861234567', ok: false, code: 'InvalidParameterValue.IncorrectPhoneNumber', fee: 0 }),
  ]);
  const { messages } = await outbox('+8613800138000');
  expect(messages).toEqual([
    expect.objectContaining({
      requestId,
      signName: env.SMS_SIGN_NAME,
      templateId: '1234567',
      templateParams: ['386521', '5'],
      sessionContext: 'order-1',
      code: 'Ok',
      serialNo: results[0].serialNo,
    }),
  ]);
});

test('a wrong SecretKey, an unknown SecretId and a clock 10 minutes off are refused like Tencent Cloud does', async () => {
  const send = (over: Record<string, string>, now?: Date) =>
    createSmsClient(parseSmsConfigFromEnv({ ...env, ...over }), now ? { now: () => now } : {}).sendSms({ phoneNumbers: ['13900139000'], templateId: '1' });
  const badKey = await rejects(send({ SMS_SECRET_KEY: 'not-the-key' }));
  expect({ code: badKey.code, tencent: badKey.details.tencentCode }).toEqual({ code: 'SMS_AUTH_FAILED', tencent: 'AuthFailure.SignatureFailure' });
  expect((await rejects(send({ SMS_SECRET_ID: 'AKIDunknown' }))).details.tencentCode).toBe('AuthFailure.SecretIdNotFound');
  expect((await rejects(send({}, new Date(Date.now() - 10 * 60_000)))).details.tencentCode).toBe('AuthFailure.SignatureExpire');
  // Nothing went out to that number; the outbox says why each request was refused.
  const seen = (await outbox('+8613900139000')).messages.map((m) => m.code);
  expect(seen).toEqual(['AuthFailure.SignatureFailure', 'AuthFailure.SecretIdNotFound', 'AuthFailure.SignatureExpire']);
});

test('a body changed after signing fails the signature; an unapproved sign name or another app is refused as a whole', async () => {
  const signed = JSON.stringify({ PhoneNumberSet: ['+8613700137000'], SmsSdkAppId: env.SMS_SDK_APP_ID, SignName: env.SMS_SIGN_NAME, TemplateId: '1' });
  const timestamp = Math.floor(Date.now() / 1000);
  const { authorization } = tc3Sign({
    secretId: env.SMS_SECRET_ID,
    secretKey: env.SMS_SECRET_KEY,
    service: 'sms',
    timestamp,
    payload: signed,
    headers: { 'content-type': 'application/json; charset=utf-8', host: new URL(url).host, 'x-tc-action': 'SendSms' },
  });
  const headers = { Authorization: authorization, 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Timestamp': String(timestamp) };
  const post = async (body: string) => (await (await fetch(`${url}/sandbox/sms`, { method: 'POST', headers, body })).json()) as { Response: Record<string, any> };
  expect((await post(signed.replace('+8613700137000', '+8613700137001'))).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  expect((await post(signed)).Response.SendStatusSet[0]).toMatchObject({ PhoneNumber: '+8613700137000', Code: 'Ok' });

  const sms = createSmsClient(parseSmsConfigFromEnv(env));
  const sign = await rejects(sms.sendSms({ phoneNumbers: ['13700137000'], templateId: '1', signName: '别家' }));
  expect({ code: sign.code, tencent: sign.details.tencentCode }).toEqual({ code: 'SMS_API_ERROR', tencent: 'FailedOperation.SignatureIncorrectOrUnapproved' });
  const app = await rejects(createSmsClient(parseSmsConfigFromEnv({ ...env, SMS_SDK_APP_ID: '1400000001' })).sendSms({ phoneNumbers: ['13700137000'], templateId: '1' }));
  expect(app.details.tencentCode).toBe('UnauthorizedOperation.SmsSdkAppIdVerifyFail');
});

test('bad input is refused before anything is sent', async () => {
  const before = (await outbox()).messages.length;
  const sms = createSmsClient(parseSmsConfigFromEnv(env));
  expect((await rejects(sms.sendSms({ phoneNumbers: ['12345'], templateId: '1' }))).code).toBe('SMS_INVALID_INPUT');
  expect((await rejects(sms.sendSms({ phoneNumbers: [], templateId: '1' }))).code).toBe('SMS_INVALID_INPUT');
  expect(() => parseSmsConfigFromEnv({ ...env, SMS_SDK_APP_ID: 'abc' })).toThrow(expect.objectContaining({ code: 'SMS_CONFIG_INVALID' }));
  expect((await outbox()).messages.length).toBe(before);
});

test('credentials and the outbox survive a restart of the local cloud', async () => {
  const before = { env: { ...env }, count: (await outbox()).messages.length };
  await close();
  await start();
  expect(env.SMS_SECRET_KEY).toBe(before.env.SMS_SECRET_KEY);
  expect((await outbox()).messages.length).toBe(before.count);
});
