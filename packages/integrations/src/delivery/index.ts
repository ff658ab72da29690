export * from './sign';
export * from './errors';
export * from './config';
export * from './schemas';
export * from './client';
