/**
 * Error codes per capability: each file is one capability's codes (pure, so apps import them too); the server
 * module of that capability re-exports its file (`@daojia/modules/<name>`), and ERROR_CODES (../error-codes.ts)
 * merges them all. A new code goes into its capability's file.
 */
export * from './transport';
export * from './access';
export * from './stores';
export * from './catalog';
export * from './catalog-import';
export * from './accounts';
export * from './marketing';
export * from './reviews';
export * from './orders';
export * from './payments';
export * from './onboarding';
export * from './finance';
