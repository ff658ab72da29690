// Owned by the integrations work: HTTP stand-ins for WeChat Pay, Tencent Cloud SMS and Dada delivery.
import type { Router } from '../http/router';
import { mountDeliverySandbox } from './delivery';
import { mountSmsSandbox } from './sms';
import { mountWechatPaySandbox, type WechatPaySandboxOptions } from './wechatpay';

export interface SandboxContext {
  router: Router;
  dataDir: string;
  cloudUrl: string;
  log: (line: string) => void;
  /** Test knobs (resend speed, refund delay); the defaults suit `npm start`. */
  wechatpay?: WechatPaySandboxOptions;
}

/**
 * Mounts every sandbox on the local cloud's router; returns env vars the functions need to reach them, and
 * `close()` to stop their timers and close their stores when the cloud shuts down.
 */
export async function mountSandboxes(ctx: SandboxContext): Promise<{ env: Record<string, string>; close: () => void }> {
  const wechatpay = await mountWechatPaySandbox(ctx, ctx.wechatpay);
  const sms = mountSmsSandbox(ctx);
  const delivery = mountDeliverySandbox(ctx);
  return {
    env: { ...wechatpay.env, ...sms.env, ...delivery.env },
    close: () => {
      wechatpay.close();
      sms.close();
      delivery.close();
    },
  };
}
