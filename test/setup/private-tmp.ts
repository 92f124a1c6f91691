// Every temporary file of a test run (the suites' own folders, what the CLIs they spawn write) goes into
// one folder made for the run and removed at its end, so that a run, even one that fails or is stopped
// halfway by a mutation tester, leaves nothing behind in the system's temporary folder.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-test-'));
  // Readable by all, as the system's folder is: some suites re-run the CLI as `nobody`.
  chmodSync(root, 0o755);
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = root;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
