import { log } from './runtime';

/** A batch job's items are handled each on its own: one failure is logged and retried next run, the rest go on. */
export async function eachOnItsOwn<T extends { _id: string }>(job: string, items: T[], work: (item: T) => Promise<unknown>): Promise<number> {
  let done = 0;
  for (const item of items) {
    try {
      await work(item);
      done++;
    } catch (e) {
      log.error(`${job}: ${item._id} failed, retried next run`, { id: item._id, err: e as Error });
    }
  }
  return done;
}
