import vm from 'node:vm';

/**
 * A test runner loads the function host afresh for every test file, and the real host is loaded again by every
 * local cloud a script starts: the process.env view must be installed once per process, not wrapped around itself
 * (each layer doubled the cost of every environment read, through proxy invariant checks).
 */
type EnvModule = typeof import('../../src/functions/env');
const load = (): EnvModule => {
  let mod: EnvModule | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module per call
    mod = require('../../src/functions/env');
  });
  return mod!;
};

test('loading the env module many times installs one view, and every copy scopes variables through it', () => {
  const mainProcess = vm.runInThisContext('process') as NodeJS.Process;
  const first = load();
  first.installEnvView();
  const view = mainProcess.env;
  const copies = Array.from({ length: 30 }, load);
  for (const c of copies) c.installEnvView();
  expect(mainProcess.env).toBe(view);
  const seen = copies.map((c, i) => c.runWithEnv({ DAOJIA_ENV_TEST: String(i) }, () => mainProcess.env.DAOJIA_ENV_TEST));
  expect(seen).toEqual(copies.map((_c, i) => String(i)));
  expect(first.runWithEnv({ DAOJIA_ENV_TEST: 'first' }, () => ({ ...mainProcess.env }).DAOJIA_ENV_TEST)).toBe('first');
  expect(mainProcess.env.DAOJIA_ENV_TEST).toBeUndefined();
});
