// Owned by the client-gateway work (issue 4): js-sdk REST gateway, sign-in, rules, watch, dev login.
import type { Server } from 'node:http';
import type { Router } from '../http/router';
import type { Database } from '../db';
import type { FunctionHost } from '../functions/host';

export interface GatewayContext { router: Router; server: Server; db: Database; functions: FunctionHost; rootDir: string; dataDir: string; envId: string; url: string; log: (line: string) => void }

export async function mountGateway(_ctx: GatewayContext): Promise<{ close(): Promise<void> }> {
  return { async close() {} };
}
