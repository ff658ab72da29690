export * from './store';
export * from './order';
export * from './admin';
