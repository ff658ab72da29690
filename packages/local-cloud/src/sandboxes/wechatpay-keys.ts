import { generateKeyPair, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

/** Everything the sandbox needs to play both sides of the key exchange; generated once per data dir. */
export const sandboxKeysSchema = z.object({
  mchid: z.string(),
  appid: z.string(),
  merchantSerial: z.string(),
  merchantPrivateKey: z.string(),
  merchantPublicKey: z.string(),
  platformKeyId: z.string(),
  platformPrivateKey: z.string(),
  platformPublicKey: z.string(),
  apiV3Key: z.string().length(32),
});
export type SandboxKeys = z.infer<typeof sandboxKeysSchema>;

const rsaPair = async () => {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};

/** Loads `<dir>/wechatpay.json`, creating it on first start so notifications stay verifiable across restarts. */
export async function loadOrCreateSandboxKeys(dir: string): Promise<SandboxKeys> {
  const file = path.join(dir, 'wechatpay.json');
  if (existsSync(file)) return sandboxKeysSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const [merchant, platform] = await Promise.all([rsaPair(), rsaPair()]);
  const keys: SandboxKeys = {
    mchid: '1900009191',
    appid: 'wx0000000000da0j1a',
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    platformKeyId: `PUB_KEY_ID_${Array.from(randomBytes(28), (b) => b % 10).join('')}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    apiV3Key: randomBytes(16).toString('hex'),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
