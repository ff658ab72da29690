// Owned by the database work (issue 2 items 1-3). Placeholder signatures so the server compiles.
import { CloudError } from '../errors';

export interface Database {
  close(): void;
}

export function openDatabase(_opts: { dataDir: string; rulesDir?: string }): Database {
  return { close() {} };
}

export async function handleDatabaseAction(_db: Database, action: string, _body: Record<string, unknown>): Promise<unknown> {
  throw new CloudError('INVALID_ACTION', `${action} not implemented yet`);
}
