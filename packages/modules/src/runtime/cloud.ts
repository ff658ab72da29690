import tcb from '@cloudbase/node-sdk';

/** One SDK instance per function module, bound to the environment the function runs in. */
export const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
export const db = app.database();
export const _ = db.command;
export const $ = db.command.aggregate;

/** Reads all matching documents past the SDK's 1000-per-read cap. */
export async function readAll<T>(query: { skip(n: number): any }, pageSize = 1000): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = (await query.skip(offset).limit(pageSize).get()).data as T[];
    out.push(...page);
    if (page.length < pageSize) return out;
  }
}

export const nowIso = () => new Date().toISOString();
