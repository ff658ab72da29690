import type { Router } from '../http/router';
import type { Database } from '../db';
import type { FunctionHost } from '../functions/host';

/** Placeholder until the dashboard lands: mounting is a no-op. */
export function mountDashboard(_ctx: { router: Router; db: Database; functions: FunctionHost }): void {}
