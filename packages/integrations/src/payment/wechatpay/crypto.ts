import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import { WechatPayError } from './errors';

/** The scheme name that starts every APIv3 Authorization header. */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat Pay sends signatures with this prefix as deliberate probes: a verifier that accepts one is broken. */
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';
export const MAX_CLOCK_SKEW_SECONDS = 300;

const GCM_TAG_BYTES = 16;
const NONCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Every signed message is its parts joined by LF with a trailing LF. */
export const joinLines = (...parts: Array<string | number>) => `${parts.join('\n')}\n`;

export const requestMessage = (method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string) => joinLines(method.toUpperCase(), pathAndQuery, timestamp, nonce, body);

export const responseMessage = (timestamp: string, nonce: string, body: string) => joinLines(timestamp, nonce, body);

export function nonceStr(length = 32): string {
  return Array.from(randomBytes(length), (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join('');
}

export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function loadPrivateKey(pem: string | KeyObject): KeyObject {
  return typeof pem === 'string' ? createPrivateKey(pem) : pem;
}

/** Accepts an SPKI public key PEM (public-key mode) or an X.509 platform certificate PEM. */
export function loadPublicKey(pem: string | KeyObject): KeyObject {
  return typeof pem === 'string' ? createPublicKey(pem) : pem;
}

/** Base64 SHA256withRSA (PKCS#1 v1.5), the only signature scheme APIv3 uses. */
export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject): boolean {
  if (signature.startsWith(SIGNTEST_PREFIX)) return false;
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export interface AuthorizationParts {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

export function formatAuthorization(p: AuthorizationParts): string {
  return `${AUTH_SCHEME} mchid="${p.mchid}",nonce_str="${p.nonce_str}",timestamp="${p.timestamp}",serial_no="${p.serial_no}",signature="${p.signature}"`;
}

/** Parses an Authorization header into its parts; undefined when it is not a well-formed APIv3 header. */
export function parseAuthorization(header: string | undefined): AuthorizationParts | undefined {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2];
  const { mchid, nonce_str, timestamp, serial_no, signature } = fields;
  if (!mchid || !nonce_str || !timestamp || !serial_no || !signature) return undefined;
  return { mchid, nonce_str, timestamp, serial_no, signature };
}

/** Signs one outgoing API request the way WeChat Pay checks it. */
export function signRequest(input: { method: string; pathAndQuery: string; body: string; mchid: string; serialNo: string; privateKey: KeyObject; now: Date; nonce?: string }): string {
  const timestamp = String(unixSeconds(input.now));
  const nonce = input.nonce ?? nonceStr();
  const signature = rsaSign(requestMessage(input.method, input.pathAndQuery, timestamp, nonce, input.body), input.privateKey);
  return formatAuthorization({ mchid: input.mchid, nonce_str: nonce, timestamp, serial_no: input.serialNo, signature });
}

export interface WechatpayHeaders {
  timestamp: string;
  nonce: string;
  serial: string;
  signature: string;
}

/** Reads the Wechatpay-* headers from a Node headers object, a fetch Headers or a plain map (any case). */
export function readWechatpayHeaders(headers: Headers | Record<string, string | string[] | undefined>): WechatpayHeaders {
  const get = (name: string): string | undefined => {
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    const v = key === undefined ? undefined : (headers as Record<string, string | string[] | undefined>)[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const [timestamp, nonce, serial, signature] = ['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Serial', 'Wechatpay-Signature'].map(get);
  if (!timestamp || !nonce || !serial || !signature) {
    throw new WechatPayError('WECHATPAY_HEADERS_MISSING', '微信支付签名头缺失，已拒绝该消息');
  }
  return { timestamp, nonce, serial, signature };
}

/**
 * Verifies a signed response or notification: known serial, timestamp within 5 minutes of `now`, RSA signature
 * over `timestamp\nnonce\nbody\n`. `body` must be the raw text as received: re-serialised JSON does not verify.
 */
export function verifySignedMessage(input: { headers: WechatpayHeaders; body: string; publicKeys: ReadonlyMap<string, KeyObject>; now: Date }): void {
  const { timestamp, nonce, serial, signature } = input.headers;
  const key = input.publicKeys.get(serial);
  if (!key) throw new WechatPayError('WECHATPAY_SERIAL_UNKNOWN', `未知的微信支付平台证书/公钥序列号 ${serial}，已拒绝该消息`);
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(unixSeconds(input.now) - ts) > MAX_CLOCK_SKEW_SECONDS) {
    throw new WechatPayError('WECHATPAY_TIMESTAMP_SKEW', '微信支付消息时间戳与本地时间相差超过 5 分钟，已拒绝');
  }
  if (!rsaVerify(responseMessage(timestamp, nonce, input.body), signature, key)) {
    throw new WechatPayError('WECHATPAY_SIGNATURE_INVALID', '微信支付签名验证失败，已拒绝该消息');
  }
}

/** Produces the Wechatpay-* headers WeChat Pay puts on responses and notifications (used by the sandbox). */
export function signResponse(input: { body: string; serial: string; privateKey: KeyObject; now: Date; nonce?: string }): Record<string, string> {
  const timestamp = String(unixSeconds(input.now));
  const nonce = input.nonce ?? nonceStr();
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': input.serial,
    'Wechatpay-Signature': rsaSign(responseMessage(timestamp, nonce, input.body), input.privateKey),
  };
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

/** AEAD_AES_256_GCM with the APIv3 key; the 16-byte tag is appended to the ciphertext before base64. */
export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string, nonce = nonceStr(12)): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: body.toString('base64'), associated_data: associatedData, nonce, original_type: associatedData };
}

/** Decrypts a notification resource; `final()` checks the GCM tag, so any tampering throws WECHATPAY_DECRYPT_FAILED. */
export function decryptResourceText(resource: EncryptedResource, apiV3Key: string): string {
  const fail = () => new WechatPayError('WECHATPAY_DECRYPT_FAILED', '微信支付通知解密失败（密钥错误或内容被篡改）');
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw fail();
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= GCM_TAG_BYTES) throw fail();
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw fail();
  }
}
