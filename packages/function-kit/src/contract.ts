import { z } from 'zod';
import { DomainError, TRANSPORT_ERRORS, type ErrorCode } from '@daojia/domain';

/**
 * An action's declaration (output schema, error codes) is what docs/API.md tells callers. A reply that breaks it is
 * logged as a `contract breach:` line and still goes out as the handler made it: turning a working order flow, or a
 * precise business error, into a generic failure would hurt the user more than an inexact document. The function
 * test harness fails any suite whose functions logged a breach, so the tests keep the document true.
 */
export const CONTRACT_BREACH = 'contract breach:';
/** The `kind` field of a breach's log record (its `msg` starts with CONTRACT_BREACH as well). */
export const CONTRACT_BREACH_KIND = 'contract_breach';

type Report = (msg: string, fields?: Record<string, unknown>) => void;

export interface Declared {
  output: z.ZodType;
  errors: readonly ErrorCode[];
}

/** Checks the handler's result against the declared output schema; the result is sent unchanged either way. */
export function checkOutput(where: string, def: Declared, result: unknown, log: Report): void {
  const parsed = def.output.safeParse(result);
  if (!parsed.success) log(`${CONTRACT_BREACH} ${where} reply does not match its output schema: ${z.prettifyError(new z.ZodError(parsed.error.issues.slice(0, 5)))}`, { kind: CONTRACT_BREACH_KIND });
}

/** A business error whose code the action did not declare is a breach of the same kind. */
export function checkThrown(where: string, def: Declared, e: unknown, log: Report): void {
  if (!(e instanceof DomainError)) return;
  const code = e.code as ErrorCode;
  if (TRANSPORT_ERRORS.includes(code as (typeof TRANSPORT_ERRORS)[number]) || def.errors.includes(code)) return;
  log(`${CONTRACT_BREACH} ${where} replied ${e.code}, which is not in its declared errors`, { kind: CONTRACT_BREACH_KIND, code: e.code });
}
