export * from './store';
export * from './order';
