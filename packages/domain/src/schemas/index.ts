export * from './common';
export * from './store';
export * from './product';
export * from './coupon';
export * from './order';
