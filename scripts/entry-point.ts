/**
 * Whether a script module is the one Node was asked to run: a script that
 * other code also imports (a test calls its functions) runs its command-line
 * entry only when started as `npx tsx scripts/<name>.ts`.
 */

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when the module at `moduleUrl` (its `import.meta.url`) is the process's entry point. */
export function isEntryPoint(moduleUrl: string): boolean {
  const started = process.argv[1];
  return started !== undefined && resolve(started) === fileURLToPath(moduleUrl);
}
