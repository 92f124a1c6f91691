import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';

const ROOT = join(import.meta.dirname, '..');

describe('README', () => {
  it('shows the output that `k8s-svc-lint examples/` really prints, and its exit code', async () => {
    let stdout = '';
    const exitCode = await runCli(['examples/'], {
      cwd: ROOT,
      env: {},
      stdin: Readable.from([]),
      stdoutIsTTY: false,
      write: (text) => (stdout += text),
      writeError: () => {},
    });
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sample = /<!-- sample:start -->\n```text\n([\s\S]*?)\n```\n<!-- sample:end -->/.exec(readme)?.[1];
    expect(sample).toBeDefined();
    expect(stdout.trim()).toBe(sample!.trim());
    expect(exitCode).toBe(1);
    expect(readme).toContain('The exit code is 1');
  });
});
