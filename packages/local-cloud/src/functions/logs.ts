import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import vm from 'node:vm';

/**
 * CloudBase keeps each invocation's console output with the invocation. Functions share this process, so the main
 * context's console is wrapped once: a line written inside an invocation is also kept on that invocation's record.
 */
const storage = new AsyncLocalStorage<string[]>();
let installed = false;

export function installLogCapture(): void {
  if (installed) return;
  installed = true;
  // Bundles run in Node's main context, whose console is not a test runner's sandboxed one.
  const mainConsole = vm.runInThisContext('console') as Console;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = mainConsole[level].bind(mainConsole);
    mainConsole[level] = (...args: unknown[]) => {
      storage.getStore()?.push(`${level.toUpperCase()} ${format(...args)}`);
      original(...args);
    };
  }
}

/** Runs `fn` with `lines` collecting what it writes to the console. */
export function runWithLogs<T>(lines: string[], fn: () => T): T {
  return storage.run(lines, fn);
}
