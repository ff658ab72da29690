export * from './common';
export * from './store';
export * from './product';
export * from './category';
export * from './coupon';
export * from './review';
export * from './order';
