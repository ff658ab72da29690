import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './cloud';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface TestCloudOptions extends Partial<Omit<LocalCloudOptions, 'dataDir'>> {
  seed?: (cloud: LocalCloud) => Promise<void>;
}

/** A local cloud for one test suite: a fresh temporary data folder, any free port, removed again on close. */
export async function startTestCloud(opts: TestCloudOptions = {}): Promise<LocalCloud> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-test-'));
  const { seed, ...rest } = opts;
  const cloud = await startLocalCloud({ rootDir: REPO_ROOT, port: 0, ...rest, dataDir });
  if (seed) await seed(cloud);
  const close = cloud.close.bind(cloud);
  return {
    ...cloud,
    async close() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Points @cloudbase/node-sdk in THIS process (a test or a script) at a local cloud, as a server-side caller.
 * Without TENCENTCLOUD_RUNENV=SCF the SDK first probes a cloud metadata host.
 */
export function useLocalCloudEnv(cloud: Pick<LocalCloud, 'url' | 'envId'>): void {
  process.env.TENCENTCLOUD_RUNENV = 'SCF';
  process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
  process.env.SCF_NAMESPACE = cloud.envId;
  process.env.TENCENTCLOUD_SECRETID = 'local';
  process.env.TENCENTCLOUD_SECRETKEY = 'local';
  process.env.SILENCE = 'true';
}
