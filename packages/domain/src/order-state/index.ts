export * from './statuses';
export * from './machine';
