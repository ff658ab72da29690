import { startTestCloud } from '../../src/testing';
import { parseCloudbaseCron } from '../../src/functions/timers';
import { makeProject } from '../fixture';

test('CloudBase 7-field cron: seconds first, year last, evaluated in Asia/Shanghai', () => {
  const cron = parseCloudbaseCron('0 30 2 * * * *');
  const next = cron.next().toDate();
  expect(next.getUTCHours()).toBe(18); // 02:30 in Shanghai is 18:30 UTC the day before
  expect(next.getUTCMinutes()).toBe(30);
  expect(() => parseCloudbaseCron('0 * * * *')).toThrow(/7 fields/);
  expect(() => parseCloudbaseCron('0 0 0 * * * 1999')).toThrow(/year/);
});

test('timers fire on their schedule when enabled', async () => {
  const project = makeProject({
    'cloudbaserc.json': JSON.stringify({ functions: [{ name: 'beat', triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }] }),
    'cloudfunctions/beat/index.ts': `export async function main(event: { Type: string }) { return event.Type; }`,
  });
  const cloud = await startTestCloud({ rootDir: project.rootDir, timers: true });
  try {
    const fired = await new Promise<string>((resolve) => cloud.functions.onInvocation((inv) => inv.kind === 'timer' && resolve(inv.result as string)));
    expect(fired).toBe('Timer');
  } finally {
    await cloud.close();
    project.remove();
  }
});

test('a cloudbaserc.json entry without its folder fails at start with a clear message', async () => {
  const project = makeProject({ 'cloudbaserc.json': JSON.stringify({ functions: [{ name: 'ghost' }] }) });
  try {
    await expect(startTestCloud({ rootDir: project.rootDir })).rejects.toThrow(/ghost/);
  } finally {
    project.remove();
  }
});
