import tcb from '@cloudbase/node-sdk';
import { startTestCloud, useLocalCloudEnv } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';
import { makeProject } from '../fixture';

/** A local cloud with the given database-rules files, and the real node-sdk pointed at it. */
export async function startDbCloud(rules: Record<string, unknown>) {
  const project = makeProject(Object.fromEntries(Object.entries(rules).map(([c, r]) => [`database-rules/${c}.json`, JSON.stringify(r)])));
  const cloud: LocalCloud = await startTestCloud({ rootDir: project.rootDir });
  useLocalCloudEnv(cloud);
  const app = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as any);
  const db = app.database();
  return {
    cloud,
    app,
    db,
    _: db.command,
    async close() {
      await cloud.close();
      project.remove();
    },
  };
}
