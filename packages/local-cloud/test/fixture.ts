import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/testing';

/**
 * A throwaway project (cloudfunctions/, cloudbaserc.json, database-rules/) inside the repo's .tmp/, so fixture
 * functions resolve @cloudbase/node-sdk from the repo's node_modules like real ones do.
 */
export function makeProject(files: Record<string, string>): { rootDir: string; write(file: string, text: string): void; remove(): void } {
  const base = path.join(REPO_ROOT, '.tmp');
  mkdirSync(base, { recursive: true });
  const rootDir = mkdtempSync(path.join(base, 'project-'));
  const write = (file: string, text: string) => {
    const full = path.join(rootDir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { rootDir, write, remove: () => rmSync(rootDir, { recursive: true, force: true }) };
}
