export * from './errors';
export * from './money';
export * from './schemas';
export * from './order-state';
export * from './pricing';
export * from './hours';
export * from './codes';
export * from './api';
