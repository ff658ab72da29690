// Owned by the integrations work: HTTP stand-ins for WeChat Pay (and later SMS, maps, delivery).
import type { Router } from '../http/router';

export interface SandboxContext { router: Router; dataDir: string; cloudUrl: string; log: (line: string) => void }

/** Mounts every sandbox on the local cloud's router; returns env vars the functions need to reach them. */
export async function mountSandboxes(_ctx: SandboxContext): Promise<{ env: Record<string, string> }> {
  return { env: {} };
}
