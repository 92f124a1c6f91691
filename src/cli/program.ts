// The command line itself. The build bundles it into dist/src/cli/cli.cjs, which main.ts starts.
import { lendImport } from '../util/import-module.js';
import { runCli } from './run.js';

/** Runs the command line on this process; `importer` stands in for `import()` where there is none. */
export function start(importer?: (specifier: string) => Promise<unknown>): void {
  if (importer) lendImport(importer);
  void runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdoutIsTTY: process.stdout.isTTY === true,
    write: (text) => process.stdout.write(text),
    writeError: (text) => process.stderr.write(text),
  }).then((exitCode) => {
    // Let pending writes to a pipe finish before exiting.
    process.exitCode = exitCode;
  });
}
