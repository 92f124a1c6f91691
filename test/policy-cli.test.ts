/**
 * `k8s-svc-lint test` and `k8s-svc-lint policy export`, end to end: the built CLI in a child process,
 * its stdout, stderr and exit code.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from './harness/cli.js';

const ROOT = join(import.meta.dirname, '..');
let dir: string;

async function cli(args: readonly string[], cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runBuiltCli(args, { cwd: cwd ?? dir, env: { NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-policy-'));
  cpSync(join(ROOT, 'policies', 'examples'), join(dir, 'example'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('k8s-svc-lint test', () => {
  it('passes the README example: a table, the count line, exit 0', async () => {
    const run = await cli(['test', 'example/policy-test.yaml']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^policy\s+resource\s+expected\s+actual\s+result$/);
    expect(lines[1]).toMatch(/^no-nodeport-in-prod\s+Service\/shop\/web\s+fail \(line 13, "not allowed in production"\)\s+fail \(line 13\)\s+ok$/);
    expect(lines[2]).toMatch(/^no-nodeport-in-prod\s+Service\/shop\/api\s+pass\s+pass\s+ok$/);
    expect(lines[3]).toMatch(/^no-nodeport-in-prod\s+Service\/sandbox\/debug\s+skip\s+skip\s+ok$/);
    expect(lines.at(-1)).toBe('3 passed, 0 failed');
  });

  it('prints what the README shows for its example', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = /```text\n\$ k8s-svc-lint test policies\/examples\/policy-test\.yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'README shows the output of k8s-svc-lint test policies/examples/policy-test.yaml').toBeDefined();
    expect((await cli(['test', 'policies/examples/policy-test.yaml'], ROOT)).stdout).toBe(shown);
  });

  it('is strict: a wrong verdict, message or line, a missing resource or policy, and a policy that matches nothing all fail', async () => {
    write(
      'strict/test.yaml',
      `policies:
  - ../example/policy.yaml
  - id: ingress-only
    kinds: [Ingress]
    assert: "false"
    message: never
resources: [../example/resources.yaml]
results:
  - { policy: no-nodeport-in-prod, resource: Service/shop/web, result: pass }
  - { policy: no-nodeport-in-prod, resource: Service/sandbox/debug, result: pass }
  - { policy: no-nodeport-in-prod, resource: Service/shop/web, result: fail, message: something else }
  - { policy: no-nodeport-in-prod, resource: Service/shop/web, result: fail, line: 3 }
  - { policy: no-nodeport-in-prod, resource: Service/shop/nope, result: pass }
  - { policy: no-such-policy, resource: Service/shop/web, result: fail }
`,
    );
    const run = await cli(['test', 'strict/test.yaml']);
    expect(run.code).toBe(1);
    const rows = run.stdout.trimEnd().split('\n').slice(1, -2);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatch(/Service\/shop\/web\s+pass\s+fail\s+FAIL\s+ValidatingAdmissionPolicy 'no-nodeport-in-prod'/);
    expect(rows[1]).toMatch(/Service\/sandbox\/debug\s+pass\s+skip\s+FAIL/);
    expect(rows[2]).toMatch(/FAIL\s+no finding with the expected message; found line 13: /);
    expect(rows[3]).toMatch(/FAIL\s+no finding with the expected line; found line 13: /);
    expect(rows[4]).toMatch(/Service\/shop\/nope\s+pass\s+-\s+FAIL\s+no resource of this kind\/namespace\/name/);
    expect(rows[5]).toMatch(/^no-such-policy\s+.*FAIL\s+no policy of this name in the test$/);
    expect(rows[6]).toMatch(/^ingress-only\s+\(any\)\s+-\s+error\s+FAIL\s+the policy matched none of the resources/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 7 failed');
  });

  it('turns a policy that does not compile into a failed line, and keeps testing the others', async () => {
    write(
      'broken/test.yaml',
      `policies:
  - ../example/policy.yaml
  - { id: broken, kinds: [Service], assert: "object.spec.type ==" }
resources: [../example/resources.yaml]
results:
  - { policy: no-nodeport-in-prod, resource: Service/shop/api, result: pass }
`,
    );
    const run = await cli(['test', 'broken/test.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken\s+\(policy\)\s+-\s+error\s+FAIL\s+Policy "broken" in "policies": the CEL expression `object.spec.type ==` does not compile/m);
    expect(run.stdout).toMatch(/Service\/shop\/api\s+pass\s+pass\s+ok/);
  });

  it('exits 2 with one line for a test file it cannot use', async () => {
    write('bad/test.yaml', 'results: []\n');
    const run = await cli(['test', 'bad/test.yaml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^k8s-svc-lint: test file .*test\.yaml: \(top level\) must have required property 'resources'\n$/);
    expect((await cli(['test'])).code).toBe(2);
  });
});

describe('config `policies:` files', () => {
  it('loads the ValidatingAdmissionPolicies a glob names, relative to the config, and reports on the manifests', async () => {
    write('globbed/cluster/policies/no-nodeport.yaml', readFileSync(join(dir, 'example', 'policy.yaml'), 'utf8'));
    write('globbed/cluster/.k8s-svc-lint.yaml', 'policies: [policies/*.yaml]\nrules: { externalips: off }\n');
    cpSync(join(dir, 'example', 'resources.yaml'), join(dir, 'globbed', 'app', 'resources.yaml'));
    const run = await cli(['globbed/app', '-c', 'globbed/cluster/.k8s-svc-lint.yaml', '-f', 'json']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; ruleId: string }[] }[];
    expect(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => `${m.line} ${m.ruleId}`)])).toEqual([
      ['globbed/app/resources.yaml', ['13 admission-policy']],
      ['globbed/cluster/policies/no-nodeport.yaml', []],
    ]);
  });
});

describe('k8s-svc-lint policy export', () => {
  it('writes the config policies as a ValidatingAdmissionPolicy and binding that lint the same', async () => {
    write(
      'export/.k8s-svc-lint.yaml',
      `policies:
  - id: no-nodeport
    kinds: [Service]
    namespaces: [shop]
    assert: "!has(object.spec.type) || object.spec.type != 'NodePort'"
    message: NodePort Services are not allowed in shop
    at: spec.type
`,
    );
    cpSync(join(dir, 'example', 'resources.yaml'), join(dir, 'export', 'manifests', 'resources.yaml'));
    const configured = await cli(['export/manifests', '-c', 'export/.k8s-svc-lint.yaml', '-f', 'json']);
    const exported = await cli(['policy', 'export', '-c', 'export/.k8s-svc-lint.yaml', '-o', 'policy/exported.yaml']);
    expect(exported).toEqual({ code: 0, stdout: '', stderr: '' });
    const linted = await cli(['export/manifests', 'policy/exported.yaml', '-f', 'json']);
    const positions = (stdout: string) =>
      (JSON.parse(stdout) as { filePath: string; messages: { line: number; column: number; severity: number; ruleId: string }[] }[])
        .filter((r) => r.filePath.endsWith('resources.yaml'))
        .flatMap((r) => r.messages.map(({ line, column, severity, ruleId }) => ({ line, column, severity, ruleId })));
    expect(configured.code).toBe(1);
    expect(positions(configured.stdout)).toEqual([{ line: 13, column: 9, severity: 2, ruleId: 'admission-policy' }]);
    expect(positions(linted.stdout)).toEqual(positions(configured.stdout));
    expect(linted.code).toBe(1);
    const printed = JSON.parse((await cli(['--print-config', '-c', 'export/.k8s-svc-lint.yaml'])).stdout) as { policies: { id: string }[]; namespaces: object };
    expect(printed.policies.map((p) => p.id)).toEqual(['no-nodeport']);
    expect(printed.namespaces).toEqual({});
  });

  it('is a usage error without short-form policies, or with another sub-command', async () => {
    write('empty/.k8s-svc-lint.yaml', 'rules: {}\n');
    expect((await cli(['policy', 'export', '-c', 'empty/.k8s-svc-lint.yaml'])).code).toBe(2);
    const other = await cli(['policy', 'import']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('policy takes a sub-command: export, not "import"');
  });
});
