import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

/** The built command line, as `npx k8s-svc-lint` runs it. */
const CLI_BIN = join(import.meta.dirname, '..', '..', 'dist/src/cli/main.js');

/** Runs the built CLI in a child process and waits for it: its exit status, stdout and stderr. */
export function runBuiltCli(
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>>; readonly timeout?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
}
