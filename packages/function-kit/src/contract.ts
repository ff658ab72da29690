import { z } from 'zod';
import { DomainError, TRANSPORT_ERRORS, type ErrorCode } from '@daojia/domain';

/**
 * An action's declaration (output schema, error codes) is what docs/API.md tells callers, so the reply is held to it.
 * Locally and in tests a breach is a CONTRACT_VIOLATION reply: every function test then doubles as a contract test.
 * In production (`DAOJIA_MODE=production`) the breach is only logged and the reply goes out as the handler made it:
 * there a mismatch most likely comes from an old document the tests never saw, and turning a working order flow into
 * an error for the customer would be worse than an inexact document. Read at call time, per invocation's env.
 */
export const contractsEnforced = () => process.env.DAOJIA_MODE !== 'production';

export interface Declared { output: z.ZodType; errors: readonly ErrorCode[] }

const violation = (detail: string) => new DomainError('CONTRACT_VIOLATION', `接口回复与声明不符（开发环境检查）：${detail}`);

/** The handler's result, checked against the declared output schema (not reshaped: what it returned is sent). */
export function checkOutput(where: string, def: Declared, result: unknown, log: (msg: string) => void): unknown {
  const parsed = def.output.safeParse(result);
  if (parsed.success) return result;
  const detail = `${where} reply does not match its output schema: ${z.prettifyError(new z.ZodError(parsed.error.issues.slice(0, 5)))}`;
  log(detail);
  if (contractsEnforced()) throw violation(detail);
  return result;
}

/** A business error whose code the action did not declare is a breach of the same kind. */
export function checkThrown(where: string, def: Declared, e: unknown, log: (msg: string) => void): unknown {
  if (!(e instanceof DomainError)) return e;
  const code = e.code as ErrorCode;
  if (TRANSPORT_ERRORS.includes(code as (typeof TRANSPORT_ERRORS)[number]) || def.errors.includes(code)) return e;
  const detail = `${where} replied ${e.code}, which is not in its declared errors`;
  log(detail);
  return contractsEnforced() ? violation(detail) : e;
}
