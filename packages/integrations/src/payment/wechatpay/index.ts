export * from './errors';
export * from './crypto';
export * from './config';
export * from './schemas';
export * from './client';
export { toWechatTime } from './time';
