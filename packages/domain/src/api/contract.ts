import type { z } from 'zod';
import type { ErrorCode } from './error-codes';

/** One callable action's contract: what `data` it takes, what `data` it replies, which business codes it may reply. */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
}

/** Each function's contracts file (./<function>.ts) builds its actions with this; map.ts registers them. */
export const contract = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, errors: readonly ErrorCode[] = []): ActionContract<I, O> => ({ input, output, errors });
