/**
 * Every error code a cloud function may reply with, and what it means (in Chinese, as the apps would say it), merged
 * from one file per capability in ./errors/ (a new code goes into its capability's file).
 * Actions declare which of these they can return (`errors` in their action table); docs/API.md lists both, and in
 * development a reply with an undeclared code fails loudly, so the list cannot go stale.
 */
import {
  TRANSPORT_ERROR_CODES,
  ACCESS_ERROR_CODES,
  STORES_ERROR_CODES,
  CATALOG_ERROR_CODES,
  ACCOUNTS_ERROR_CODES,
  MARKETING_ERROR_CODES,
  REVIEWS_ERROR_CODES,
  ORDERS_ERROR_CODES,
  PAYMENTS_ERROR_CODES,
  ONBOARDING_ERROR_CODES,
} from './errors';
import { CATALOG_IMPORT_ERROR_CODES } from './errors/catalog-import';
import { FINANCE_ERROR_CODES } from './errors/finance';

export const ERROR_CODES = {
  ...TRANSPORT_ERROR_CODES,
  ...ACCESS_ERROR_CODES,
  ...STORES_ERROR_CODES,
  ...CATALOG_ERROR_CODES,
  ...CATALOG_IMPORT_ERROR_CODES,
  ...ACCOUNTS_ERROR_CODES,
  ...MARKETING_ERROR_CODES,
  ...REVIEWS_ERROR_CODES,
  ...ORDERS_ERROR_CODES,
  ...PAYMENTS_ERROR_CODES,
  ...ONBOARDING_ERROR_CODES,
  ...FINANCE_ERROR_CODES,
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes any action may return whatever it declares: the transport's own (input, routing, authorization, faults). */
export const TRANSPORT_ERRORS = ['INVALID_INPUT', 'UNKNOWN_ACTION', 'UNAUTHENTICATED', 'FORBIDDEN', 'STORE_REQUIRED', 'INTERNAL_ERROR'] as const satisfies readonly ErrorCode[];
