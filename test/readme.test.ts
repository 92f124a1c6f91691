import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The command line run in this checkout, as a user would type it; its stdout and exit code. */
async function run(args: string[]): Promise<{ exitCode: number; stdout: string }> {
  let stdout = '';
  const exitCode = await runCli(args, {
    cwd: ROOT,
    env: {},
    stdin: Readable.from([]),
    stdoutIsTTY: false,
    write: (text) => (stdout += text),
    writeError: () => {},
  });
  return { exitCode, stdout };
}

describe('README', () => {
  it('shows the output that `k8s-svc-lint examples/` really prints, and its exit code', async () => {
    const { exitCode, stdout } = await run(['examples/']);
    const sample = /<!-- sample:start -->\n```text\n([\s\S]*?)\n```\n<!-- sample:end -->/.exec(README)?.[1];
    expect(sample).toBeDefined();
    expect(stdout.trim()).toBe(sample!.trim());
    expect(exitCode).toBe(1);
    expect(README).toContain('The exit code is 1');
  });

  it('shows the Mermaid chart that `k8s-svc-lint graph examples/` really prints', async () => {
    const { exitCode, stdout } = await run(['graph', 'examples/']);
    expect(exitCode).toBe(0);
    const chart = /<!-- graph:start -->\n```mermaid\n([\s\S]*?)```\n<!-- graph:end -->/.exec(README)?.[1];
    expect(chart, 'README holds a ```mermaid block between <!-- graph:start --> and <!-- graph:end -->').toBeDefined();
    expect(chart).toBe(stdout);
    // The picture shows what the sample output above it lists as broken.
    for (const rule of ['ingress-backend-port', 'service-selector-match', 'service-target-port']) expect(chart).toContain(`<i>${rule}</i>`);
  });
});
