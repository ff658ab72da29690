export { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './cloud';
export { CloudError } from './errors';
