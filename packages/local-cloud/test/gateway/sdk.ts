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
  const { ticket } = (await (await fetch(`${cloudUrl}/dev/ticket`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId }) })).json()) as {
    ticket: string;
  };
  const { error } = (await sdk.auth.signInWithCustomTicket(async () => ticket)) as unknown as { error?: unknown };
  if (error) throw new Error(`sign-in as ${accountId} failed: ${JSON.stringify(error)}`);
  return sdk;
}

/** What a sign-in hands a web client, fetched over plain HTTP (for requests the SDK never sends itself). */
export async function credentialsFor(cloudUrl: string, who: { accountId: string } | 'anonymous') {
  const post = async (p: string, body: unknown) => (await fetch(`${cloudUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  if (who === 'anonymous') return (await post('/auth/v1/signin/anonymously', {})) as { access_token: string; refresh_token: string; sub: string };
  const { ticket } = (await post('/dev/ticket', { accountId: who.accountId })) as { ticket: string };
  return (await post('/auth/v1/signin/custom', { provider_id: 'custom', ticket })) as { access_token: string; refresh_token: string; sub: string };
}

/** The js-sdk database gateway's document path, for raw requests. */
export const documentsUrl = (cloudUrl: string, collection: string) => `${cloudUrl}/v1/database/instances/(default)/databases/(default)/collections/${collection}/documents`;

/**
 * The error a js-sdk call ended with: its database API resolves with `{code, message}` on failure (the v1 shape),
 * other APIs reject with it. `{code: 'SUCCEEDED'}` when there was none.
 */
export const failure = (p: Promise<unknown>) =>
  p.then(
    (r) => ((r as { code?: string } | null)?.code ? r : { code: 'SUCCEEDED' }),
    (e: { code?: string; message?: string }) => e,
  );
