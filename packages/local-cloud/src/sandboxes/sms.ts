import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  MAX_PHONE_NUMBERS,
  parseTc3Authorization,
  SEND_SMS_VERSION,
  sendSmsRequestSchema,
  SMS_SERVICE,
  tc3CanonicalRequest,
  tc3Date,
  tc3Signature,
  tc3SignaturesEqual,
  tc3StringToSign,
  type SendStatus,
} from '@daojia/integrations';
import { sendJson, type Request } from '../http/router';
import type { SandboxContext } from './index';
import { loadOrCreateCredentials, openSandboxStore } from './store';

export const SMS_SANDBOX_PREFIX = '/sandbox/sms';
/** Tencent Cloud refuses a request whose X-TC-Timestamp is more than 5 minutes off. */
const MAX_SKEW_S = 300;

const credentialsSchema = z.object({ secretId: z.string(), secretKey: z.string(), sdkAppId: z.string(), signName: z.string() });

/** One row per number of an accepted SendSms, or one row for a request refused as a whole. */
export interface SmsOutboxEntry {
  serialNo: string;
  requestId: string;
  phoneNumber: string;
  signName: string;
  templateId: string;
  templateParams: string[];
  sessionContext: string;
  code: string;
  message: string;
  createdAt: string;
}

class TencentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * A stand-in for Tencent Cloud SMS SendSms at POST /sandbox/sms: checks the TC3-HMAC-SHA256 signature with its own
 * SecretId/SecretKey the way the real endpoint does, answers in SendSms's shape and keeps every message in an outbox.
 */
export function mountSmsSandbox(ctx: SandboxContext) {
  const dir = path.join(ctx.dataDir, 'sandbox');
  const creds = loadOrCreateCredentials(dir, 'sms', credentialsSchema, () => ({
    secretId: `AKID${randomBytes(16).toString('hex')}`,
    secretKey: randomBytes(16).toString('hex'),
    sdkAppId: `1400${String(randomInt(1e6)).padStart(6, '0')}`,
    signName: '到家',
  }));
  const store = openSandboxStore(dir, 'sms');

  function authenticate(req: Request, payload: string) {
    const auth = parseTc3Authorization(header(req, 'authorization'));
    if (!auth) throw new TencentError('AuthFailure.InvalidAuthorization', 'Authorization 不符合腾讯云 TC3-HMAC-SHA256 规范');
    if (auth.secretId !== creds.secretId) throw new TencentError('AuthFailure.SecretIdNotFound', '密钥不存在，请检查 SecretId');
    const timestamp = Number(header(req, 'x-tc-timestamp'));
    if (!Number.isInteger(timestamp)) throw new TencentError('MissingParameter', '缺少 X-TC-Timestamp');
    if (Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_S) throw new TencentError('AuthFailure.SignatureExpire', '签名过期：X-TC-Timestamp 与服务器时间相差超过 5 分钟');
    if (auth.service !== SMS_SERVICE || auth.date !== tc3Date(timestamp) || !auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) {
      throw new TencentError('AuthFailure.SignatureFailure', '签名错误：凭证范围或签名头不正确');
    }
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) headers[name] = header(req, name) ?? '';
    const { canonicalRequest } = tc3CanonicalRequest({ headers, payload });
    const expected = tc3Signature(creds.secretKey, tc3StringToSign(canonicalRequest, timestamp, SMS_SERVICE), timestamp, SMS_SERVICE);
    if (!tc3SignaturesEqual(expected, auth.signature)) throw new TencentError('AuthFailure.SignatureFailure', '签名错误，请检查 SecretKey 与签名过程');
  }

  function sendSms(req: Request, payload: string, requestId: string): SendStatus[] {
    if (header(req, 'x-tc-action') !== 'SendSms') throw new TencentError('InvalidAction', `接口不存在：${header(req, 'x-tc-action') ?? ''}`);
    if (header(req, 'x-tc-version') !== SEND_SMS_VERSION) throw new TencentError('NoSuchVersion', `接口版本不存在：${header(req, 'x-tc-version') ?? ''}`);
    let raw: unknown;
    try {
      raw = JSON.parse(payload);
    } catch {
      throw new TencentError('InvalidParameter', '请求体不是有效的 JSON');
    }
    const r = sendSmsRequestSchema.safeParse(raw);
    if (!r.success) throw new TencentError('InvalidParameter', `参数错误：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const b = r.data;
    if (b.SmsSdkAppId !== creds.sdkAppId) throw new TencentError('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId 校验失败');
    if (b.PhoneNumberSet.length === 0) throw new TencentError('MissingParameter', 'PhoneNumberSet 不能为空');
    if (b.PhoneNumberSet.length > MAX_PHONE_NUMBERS) throw new TencentError('LimitExceeded.PhoneNumberCountLimit', `单次请求的手机号不能超过 ${MAX_PHONE_NUMBERS} 个`);
    if (b.SignName !== creds.signName) throw new TencentError('FailedOperation.SignatureIncorrectOrUnapproved', `签名未审批或格式错误：${b.SignName ?? '(空)'}`);
    if (!/^\d+$/.test(b.TemplateId)) throw new TencentError('FailedOperation.TemplateIncorrectOrUnapproved', `模板未审批或不存在：${b.TemplateId}`);
    const createdAt = new Date().toISOString();
    return store.transact(() =>
      b.PhoneNumberSet.map((phone) => {
        const valid = /^\+[1-9]\d{6,14}$/.test(phone) && (!phone.startsWith('+86') || /^\+861\d{10}$/.test(phone));
        const status: SendStatus = {
          SerialNo: `2433:${randomBytes(12).toString('hex')}`,
          PhoneNumber: phone,
          Fee: valid ? 1 : 0,
          SessionContext: b.SessionContext ?? '',
          Code: valid ? 'Ok' : 'InvalidParameterValue.IncorrectPhoneNumber',
          Message: valid ? 'send success' : '手机号格式错误',
          IsoCode: phone.startsWith('+86') ? 'CN' : 'DEF',
        };
        const entry: SmsOutboxEntry = {
          serialNo: status.SerialNo,
          requestId,
          phoneNumber: phone,
          signName: b.SignName ?? '',
          templateId: b.TemplateId,
          templateParams: b.TemplateParamSet ?? [],
          sessionContext: status.SessionContext,
          code: status.Code,
          message: status.Message,
          createdAt,
        };
        store.put('message', entry.serialNo, entry);
        return status;
      }),
    );
  }

  // Tencent Cloud answers API errors with HTTP 200 and Response.Error; refused requests are kept too, so the
  // dashboard can say why a message never went out.
  ctx.router.add('POST', SMS_SANDBOX_PREFIX, (req, res) => {
    const requestId = randomUUID();
    const payload = req.body.toString('utf8');
    try {
      authenticate(req, payload);
      const set = sendSms(req, payload, requestId);
      ctx.log(`[sandbox:sms] SendSms ${set.map((s) => `${s.PhoneNumber}:${s.Code}`).join(' ')}`);
      sendJson(res, 200, { Response: { SendStatusSet: set, RequestId: requestId } });
    } catch (e) {
      if (!(e instanceof TencentError)) throw e;
      const phones = (() => {
        try {
          return (JSON.parse(payload) as { PhoneNumberSet?: unknown }).PhoneNumberSet;
        } catch {
          return undefined;
        }
      })();
      store.put('message', `rejected-${requestId}`, {
        serialNo: `rejected-${requestId}`,
        requestId,
        phoneNumber: Array.isArray(phones) ? phones.join(', ') : '',
        signName: '',
        templateId: '',
        templateParams: [],
        sessionContext: '',
        code: e.code,
        message: e.message,
        createdAt: new Date().toISOString(),
      } satisfies SmsOutboxEntry);
      ctx.log(`[sandbox:sms] refused: ${e.code}`);
      sendJson(res, 200, { Response: { Error: { Code: e.code, Message: e.message }, RequestId: requestId } });
    }
  });

  /** Plain JSON for tests and the dashboard (not part of Tencent's API). */
  ctx.router.add('GET', `${SMS_SANDBOX_PREFIX}/outbox`, (req, res) => {
    const phone = req.query.get('phone');
    const messages = store.list<SmsOutboxEntry>('message').filter((m) => !phone || m.phoneNumber === phone);
    sendJson(res, 200, { messages });
  });

  return {
    env: {
      SMS_SECRET_ID: creds.secretId,
      SMS_SECRET_KEY: creds.secretKey,
      SMS_SDK_APP_ID: creds.sdkAppId,
      SMS_SIGN_NAME: creds.signName,
      SMS_ENDPOINT: `${ctx.cloudUrl}${SMS_SANDBOX_PREFIX}`,
    } as Record<string, string>,
    close: () => store.close(),
  };
}
