export { app, db, _, $, readAll, nowIso } from './cloud';
export { currentCaller, type Caller, type Staff, type StaffRole, type Admin } from './caller';
export { defineFunction, action, type ActionContext } from './define';
export { describeZodError, parseInput, type Reply } from './errors';
export { zhIssueMessage, fieldLabel } from './zod-messages';
export { rawBody, header, type HttpEvent, type HttpReply } from './http';
export { defineTimer, defineHttpCallback } from './entry';
export { log, requestContext, withRequestContext, runInRequestContext, serializeError, parseLogLine, type CallerKind, type RequestContext, type LogFields, type LogRecord } from './log';
export { CONTRACT_BREACH, CONTRACT_BREACH_KIND } from './contract';
