import cloudbase from '@cloudbase/js-sdk';

let n = 0;

/** A real @cloudbase/js-sdk app pointed at the local cloud; a fresh env id each time so apps keep separate sessions. */
export function jsSdkApp(cloudUrl: string) {
  const app = cloudbase.init({ env: `sdk-test-${process.pid}-${++n}`, persistence: 'none' } as Parameters<typeof cloudbase.init>[0]);
  app.registerHost(new URL(cloudUrl).host, 'http');
  const auth = app.auth({ persistence: 'none' } as Parameters<typeof app.auth>[0]);
  return { app, auth, db: app.database() };
}

/** Signs a js-sdk app in as a demo account the way production signs in a custom-login user: with a ticket. */
export async function signedInApp(cloudUrl: string, accountId: string) {
  const sdk = jsSdkApp(cloudUrl);
  const { ticket } = (await (await fetch(`${cloudUrl}/dev/ticket`, { method: 'POST', body: JSON.stringify({ accountId }) })).json()) as { ticket: string };
  const { error } = (await sdk.auth.signInWithCustomTicket(async () => ticket)) as unknown as { error?: unknown };
  if (error) throw new Error(`sign-in as ${accountId} failed: ${JSON.stringify(error)}`);
  return sdk;
}

/**
 * The error a js-sdk call ended with: its database API resolves with `{code, message}` on failure (the v1 shape),
 * other APIs reject with it. `{code: 'SUCCEEDED'}` when there was none.
 */
export const failure = (p: Promise<unknown>) =>
  p.then((r) => ((r as { code?: string } | null)?.code ? r : { code: 'SUCCEEDED' }), (e: { code?: string; message?: string }) => e);
