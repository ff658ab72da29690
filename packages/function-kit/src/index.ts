// The runtime (SDK, identity, logs) is the modules' own layer; functions get it from here with the transport.
export { app, db, _, $, readAll, nowIso, currentCaller, type Caller } from '@daojia/modules/runtime';
export { type Staff, type StaffRole, type Admin } from './caller';
export { defineFunction, action, type ActionContext } from './define';
export { describeZodError, parseInput, type Reply } from './errors';
export { zhIssueMessage, fieldLabel } from './zod-messages';
export { rawBody, header, type HttpEvent, type HttpReply } from './http';
export { defineTimer, defineHttpCallback, defineDatabaseTrigger } from './entry';
export {
  log,
  requestContext,
  withRequestContext,
  runInRequestContext,
  serializeError,
  parseLogLine,
  type CallerKind,
  type RequestContext,
  type LogFields,
  type LogRecord,
} from '@daojia/modules/runtime';
export { CONTRACT_BREACH, CONTRACT_BREACH_KIND } from './contract';
