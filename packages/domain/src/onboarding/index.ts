export * from './regions';
export * from './terms';
export * from './application';
