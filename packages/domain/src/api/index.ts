export * from './store';
export * from './order';
export * from './admin';
export * from './error-codes';
export * from './errors';
export * from './map';
export * from './types';
