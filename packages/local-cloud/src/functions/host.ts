// Owned by the function-host work (issue 2 items 4-7). Placeholder signatures so the server compiles.
import type { Router, Request } from '../http/router';
import type { Database } from '../db';
import { CloudError } from '../errors';

export interface FunctionHostOptions { rootDir: string; url: string; envId: string; db: Database; hotReload: boolean; timers: boolean; log: (line: string) => void; env: Record<string, string> }

export interface FunctionHost {
  handleInvokeAction(body: Record<string, unknown>, req: Request): Promise<unknown>;
  mount(router: Router): void;
  close(): Promise<void>;
}

export function createFunctionHost(_opts: FunctionHostOptions): FunctionHost {
  return {
    async handleInvokeAction() { throw new CloudError('FUNCTIONS_NOT_READY', 'not implemented yet'); },
    mount() {},
    async close() {},
  };
}
