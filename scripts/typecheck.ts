/**
 * `npm run typecheck`: tsc over every workspace (the projects in lib/checks.ts), no lint, no tests. Exits 1 if any
 * project has a type error. `npm test` runs the same checks and eslint before its jest suites.
 */
import { CHECKS, runChecks } from './lib/checks';

runChecks(CHECKS.filter((c) => c.name.startsWith('typecheck'))).then(
  (results) => {
    process.exit(results.every((r) => r.ok) ? 0 : 1);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
