import { app } from './cloud';

/** The end user of an invocation, as the platform says: the user key is the WeChat openid, else the web uid. */
export interface Caller {
  userKey: string;
  openId: string;
  uid: string;
  isAnonymous: boolean;
}

/** Who called, from the platform only: OPENID in WeChat, the signed-in uid on the web. Never from the event. */
export function currentCaller(): Caller {
  const info = app.auth().getUserInfo();
  // A WeChat openid is a real person whatever the web session says; only a web uid can be an anonymous sign-in.
  return { userKey: info.openId || info.uid || '', openId: info.openId, uid: info.uid, isAnonymous: !info.openId && info.isAnonymous };
}

/** Any end user at all (anonymous included): what a timer or a payment callback never has. */
export function hasEndUser(): boolean {
  const info = app.auth().getUserInfo();
  return Boolean(info.openId || info.uid || info.customUserId);
}
