export * from './tc3';
export * from './errors';
export * from './config';
export * from './schemas';
export * from './client';
