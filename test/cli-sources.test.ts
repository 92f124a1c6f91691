/**
 * `--policy` and `--crds`, the command-line forms of the config's `policies:` and `crds:`, and
 * `test --help`: the built CLI in a child process, its output and exit code.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './harness/cli.js';

const ROOT = join(import.meta.dirname, '..');
let dir: string;

function cli(args: readonly string[]) {
  return runBuiltCli(args, { cwd: dir, env: { NO_COLOR: '1' } });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-sources-'));
  mkdirSync(join(dir, 'cluster'));
  mkdirSync(join(dir, 'manifests'));
  cpSync(join(ROOT, 'policies/examples/policy.yaml'), join(dir, 'cluster/policy.yaml'));
  cpSync(join(ROOT, 'docs/examples/crd/crd.yaml'), join(dir, 'cluster/crd.yaml'));
  cpSync(join(ROOT, 'docs/examples/crd/canary.yaml'), join(dir, 'manifests/canary.yaml'));
  writeFileSync(
    join(dir, 'manifests/app.yaml'),
    [
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: { env: prod }\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n',
    ].join('---\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--policy', () => {
  it('runs the named ValidatingAdmissionPolicy files on the input, as config policies: would', () => {
    const without = cli(['manifests/', '--format', 'json']);
    const run = cli(['manifests/', '--policy', 'cluster/policy.yaml', '--format', 'json']);
    const ids = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string; line: number }[] }[]).flatMap((r) => r.messages.map((m) => `${m.ruleId}:${m.line}`));
    expect(ids(without.stdout)).not.toContain('admission-policy:13');
    expect(ids(run.stdout)).toContain('admission-policy:13');
    expect(run.status).toBe(1);
  });

  it('a --policy glob that matches nothing is a usage error, exit 2', () => {
    const run = cli(['manifests/', '--policy', 'cluster/none-*.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/No files match the pattern "cluster\/none-\*\.yaml"/);
  });
});

describe('--crds', () => {
  it('validates custom resources with the named CRDs, which are read but not reported on', () => {
    const without = cli(['manifests/canary.yaml', '--format', 'json']);
    expect(without.status, without.stderr).toBe(0);
    const run = cli(['manifests/canary.yaml', '--crds', 'cluster/crd.yaml', '--format', 'json']);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results.map((r) => r.filePath)).toEqual([join(dir, 'manifests/canary.yaml')]);
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('crd-schema');
    expect(run.status).toBe(1);
  });
});

describe('sub-command help', () => {
  it("`test --help` prints the test command's own help", () => {
    const run = cli(['test', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: k8s-svc-lint test \[options\] <test-files\.\.\.>/);
    expect(run.stdout).not.toMatch(/--fix-dry-run/);
  });

  it('the main help names --kubernetes-version, --policy and --crds', () => {
    const run = cli(['--help']);
    for (const option of ['--kubernetes-version', '--policy <glob>', '--crds <glob>']) expect(run.stdout).toContain(option);
  });
});
