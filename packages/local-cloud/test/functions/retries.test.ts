import { startTestCloud } from '../../src/testing';
import { RETRY, backoffMs, withRetries } from '../../src/functions/retry';
import type { Invocation } from '../../src/functions/host';
import { makeProject } from '../fixture';

test('retries wait twice as long each time and rethrow the last error once exhausted', async () => {
  const events: string[] = [];
  const waits: number[] = [];
  let n = 0;
  const run = withRetries(
    async () => {
      n++;
      events.push(`run ${n}`);
      throw new Error(`fail ${n}`);
    },
    {
      tries: 4,
      baseMs: 50,
      onRetry: (attempt, e, delayMs) => events.push(`retry ${attempt} (${(e as Error).message}) in ${delayMs}`),
      wait: async (ms) => {
        waits.push(ms);
      },
    },
  );
  await expect(run).rejects.toThrow('fail 4');
  expect(waits).toEqual([50, 100, 200]);
  expect(events).toEqual(['run 1', 'retry 1 (fail 1) in 50', 'run 2', 'retry 2 (fail 2) in 100', 'run 3', 'retry 3 (fail 3) in 200', 'run 4']);
  expect([1, 2, 3].map((a) => backoffMs(a, RETRY.baseMs))).toEqual([RETRY.baseMs, RETRY.baseMs * 2, RETRY.baseMs * 4]);
});

test('a trigger and a timer that keep failing are tried 3 times in order, then logged as given up', async () => {
  const project = makeProject({
    'database-rules/xs.json': JSON.stringify({ rules: { read: false, write: false } }),
    'cloudbaserc.json': JSON.stringify({
      functions: [
        {
          name: 'fail',
          timeout: 5,
          triggers: [
            { name: 'onX', type: 'database', config: { collection: 'xs', events: ['insert'] } },
            { name: 'nightly', type: 'timer', config: '0 0 3 * * * *' },
          ],
        },
      ],
    }),
    'cloudfunctions/fail/index.ts': `let n = 0; export async function main() { n++; throw new Error('always ' + n); }`,
  });
  const lines: string[] = [];
  const cloud = await startTestCloud({ rootDir: project.rootDir, log: (l) => lines.push(l) });
  const calls: Invocation[] = [];
  cloud.functions.onInvocation((inv) => calls.push(inv));
  try {
    cloud.db.insert('xs', [{ _id: 'x1' }]);
    await cloud.functions.drainTriggers();
    expect(calls.map((c) => [c.kind, c.error?.message])).toEqual([1, 2, 3].map((i) => ['trigger', `function fail threw: always ${i}`]));
    expect(lines.filter((l) => l.startsWith('[trigger]'))).toEqual([
      `[trigger] onX → fail failed (attempt 1): function fail threw: always 1; retrying in ${backoffMs(1, RETRY.baseMs)} ms`,
      `[trigger] onX → fail failed (attempt 2): function fail threw: always 2; retrying in ${backoffMs(2, RETRY.baseMs)} ms`,
      '[trigger] onX → fail gave up after 3 attempts: function fail threw: always 3',
    ]);
    await expect(cloud.functions.fireTimer('fail', 'nightly')).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
    expect(calls.filter((c) => c.kind === 'timer')).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('[timer]')).at(-1)).toBe('[timer] fail/nightly gave up after 3 attempts: function fail threw: always 6');
  } finally {
    await cloud.close();
    project.remove();
  }
});
