/**
 * What every server-side module and function stands on: the SDK bound to the running environment, the caller's
 * identity as the platform reports it, and structured logs with the request context. Below both the modules and
 * function-kit's transport, so neither depends on the other for it.
 */
export { app, db, _, $, readAll, nowIso } from './cloud';
export { currentCaller, hasEndUser, type Caller } from './identity';
export {
  log,
  requestContext,
  withRequestContext,
  runInRequestContext,
  updateRequestContext,
  serializeError,
  parseLogLine,
  type CallerKind,
  type RequestContext,
  type LogFields,
  type LogRecord,
} from './log';
