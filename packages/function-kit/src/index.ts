// The runtime (SDK, identity, logs) is the modules' own layer; functions get it from here with the transport.
export * from '@daojia/modules/runtime';
export { type Staff, type StaffRole, type Admin } from './caller';
export { defineFunction, action, type ActionContext } from './define';
export { describeZodError, parseInput, type Reply } from './errors';
export { zhIssueMessage, fieldLabel } from './zod-messages';
export { rawBody, header, type HttpEvent, type HttpReply } from './http';
export { defineTimer, defineHttpCallback, defineDatabaseTrigger } from './entry';
export { CONTRACT_BREACH, CONTRACT_BREACH_KIND } from './contract';
