export { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './cloud';
export { CloudError } from './errors';
export type { FunctionHost, Invocation, CallerIdentity } from './functions/host';
export { startTestCloud, useLocalCloudEnv } from './testing';
