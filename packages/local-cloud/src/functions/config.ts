import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const timerTrigger = z.object({ name: z.string(), type: z.literal('timer'), config: z.string() });
const databaseTrigger = z.object({
  name: z.string(),
  type: z.literal('database'),
  config: z.object({ collection: z.string(), events: z.array(z.enum(['insert', 'update', 'delete'])).min(1) }),
});

const functionConfig = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/),
    timeout: z.number().int().positive().default(20),
    memorySize: z.number().int().positive().default(256),
    envVariables: z.record(z.string(), z.string()).default({}),
    http: z.boolean().default(false),
    triggers: z.array(z.discriminatedUnion('type', [timerTrigger, databaseTrigger])).default([]),
  })
  .passthrough();

const cloudbaserc = z
  .object({
    envId: z.string().optional(),
    functionRoot: z.string().default('cloudfunctions'),
    functions: z.array(functionConfig).default([]),
  })
  .passthrough();

export type FunctionConfig = z.infer<typeof functionConfig>;
export type TimerTrigger = z.infer<typeof timerTrigger>;
export type DatabaseTrigger = z.infer<typeof databaseTrigger>;

export interface ProjectFunctions {
  envId?: string;
  functionRoot: string;
  functions: Map<string, FunctionConfig>;
}

function readRc(rootDir: string) {
  const rcPath = path.join(rootDir, 'cloudbaserc.json');
  return cloudbaserc.parse(existsSync(rcPath) ? JSON.parse(readFileSync(rcPath, 'utf8')) : {});
}

/** The env id cloudbaserc.json names (what `tcb` deploys to), if any. */
export const projectEnvId = (rootDir: string): string | undefined => readRc(rootDir).envId;

/**
 * Every folder under the function root with an index.ts is a function; cloudbaserc.json adds timeouts, env,
 * triggers and the http flag. A function missing from cloudbaserc.json still runs, with CloudBase's defaults.
 */
export function loadProjectFunctions(rootDir: string): ProjectFunctions {
  const rc = readRc(rootDir);
  const functionRoot = path.join(rootDir, rc.functionRoot);
  const functions = new Map<string, FunctionConfig>();
  const declared = new Map(rc.functions.map((f) => [f.name, f]));
  if (existsSync(functionRoot)) {
    for (const entry of readdirSync(functionRoot, { withFileTypes: true })) {
      if (!entry.isDirectory() || !existsSync(path.join(functionRoot, entry.name, 'index.ts'))) continue;
      functions.set(entry.name, declared.get(entry.name) ?? functionConfig.parse({ name: entry.name }));
    }
  }
  for (const name of declared.keys()) {
    if (!functions.has(name)) throw new Error(`cloudbaserc.json declares function "${name}" but ${rc.functionRoot}/${name}/index.ts does not exist`);
  }
  return { envId: rc.envId, functionRoot, functions };
}
