import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface Step {
  id: string;
  shell: string;
  env?: Record<string, string>;
  run: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

/** The workspace: an error and a warning in web.yaml, a warning alone in db.yaml, a clean namespace. */
const MANIFESTS: Record<string, string> = {
  'web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - name: http
      port: 80
      nodePort: 40080
    - name: metrics
      port: 9090
      nodePort: 31090
`,
  'db.yaml': `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  type: NodePort
  ports:
    - port: 5432
      nodePort: 31432
`,
  'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
};

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/**
 * Runs the action's steps as the runner would: `${{ inputs.x }}` substituted (defaults for inputs
 * not given), GITHUB_ACTION_PATH at this checkout, GITHUB_WORKSPACE a temporary repository.
 * The install step (`npm ci` in the action's folder) is skipped: this checkout is installed already.
 */
function runAction(inputs: Record<string, string>): { code: number; stdout: string; summary: string; workspace: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-action-'));
  mkdirSync(join(workspace, 'manifests'));
  for (const [name, text] of Object.entries(MANIFESTS)) writeFileSync(join(workspace, 'manifests', name), text);
  const summaryPath = join(workspace, '..', `${workspace.split('/').at(-1)}-summary.md`);
  writeFileSync(summaryPath, '# Earlier step\n\n');
  let code = 0;
  let stdout = '';
  for (const step of action.runs.steps.filter((s) => s.id !== 'install')) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(step.env ?? {})) {
      env[key] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? action.inputs[name]!.default);
    }
    const result = spawnSync(step.shell, ['-c', step.run], {
      cwd: workspace,
      env: { PATH: process.env['PATH'], GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summaryPath, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    stdout += result.stdout;
    code = result.status ?? -1;
    if (code !== 0) break;
  }
  return { code, stdout, summary: readFileSync(summaryPath, 'utf8'), workspace };
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'fail-on', 'paths', 'sarif-file']);
    expect(action.runs.steps.map((s) => s.id)).toEqual(['install', 'lint']);
  });

  it('annotates each finding, appends a job summary, writes SARIF, and fails on errors', () => {
    const run = runAction({ paths: 'manifests', 'sarif-file': 'reports/k8s.sarif' });
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toEqual([
      '::warning file=manifests/db.yaml,line=9,col=17,endLine=9,endColumn=22,title=nodeport-static-band::nodePort 31432 is in the band 30086-32767 that Kubernetes allocates automatic node ports from, so another Service may take it first and this apply then fails. Pick a port in the static band 30000-30085, or leave it out',
      '::error file=manifests/web.yaml,line=10,col=17,endLine=10,endColumn=22,title=nodeport-range::nodePort 40080 is outside the node port range 30000-32767; the API server rejects it. Pick a port in the range, or leave it out to have one allocated',
      '::warning file=manifests/web.yaml,line=13,col=17,endLine=13,endColumn=22,title=nodeport-static-band::nodePort 31090 is in the band 30086-32767 that Kubernetes allocates automatic node ports from, so another Service may take it first and this apply then fails. Pick a port in the static band 30000-30085, or leave it out',
    ]);
    expect(run.stdout).toContain('k8s-svc-lint: 1 error(s), 2 warning(s) in 3 file(s)');

    expect(run.summary.startsWith('# Earlier step\n\n## k8s-svc-lint\n')).toBe(true);
    expect(run.summary).toContain('**1 error, 2 warnings** in 2 files (of 3 linted).');
    expect(run.summary).toContain('| [`nodeport-range`](https://github.com/k8s-svc-lint/k8s-svc-lint/blob/main/docs/rules/nodeport-range.md) | 1 | 0 |');
    expect(run.summary).toContain('| [`nodeport-static-band`](https://github.com/k8s-svc-lint/k8s-svc-lint/blob/main/docs/rules/nodeport-static-band.md) | 0 | 2 |');
    expect(run.summary).toContain('| `manifests/web.yaml` | 1 | 1 |');
    // Under the findings, the topology as Mermaid, which GitHub renders.
    expect(run.summary).toContain('### Topology');
    expect(run.summary).toMatch(/```mermaid\nflowchart LR\n[\s\S]*Service <b>web<\/b>[\s\S]*```\n$/);

    const sarifPath = join(run.workspace, 'reports', 'k8s.sarif');
    expect(existsSync(sarifPath)).toBe(true);
    const log = JSON.parse(readFileSync(sarifPath, 'utf8'));
    expect(log.runs[0].results).toHaveLength(3);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('manifests/db.yaml');
  });

  it('fail-on: never passes with errors; warning fails on warnings alone', () => {
    expect(runAction({ paths: 'manifests', 'fail-on': 'never' }).code).toBe(0);
    expect(runAction({ paths: 'manifests/db.yaml', 'fail-on': 'error' }).code).toBe(0);
    expect(runAction({ paths: 'manifests/db.yaml', 'fail-on': 'warning' }).code).toBe(1);
  });

  it('a clean run says so in the summary', () => {
    const run = runAction({ paths: 'manifests/namespace.yaml' });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('No problems in 1 file.');
    expect(run.summary).not.toContain('```mermaid');
  });

  it('a bad input is one annotation and exit 2, never a stack trace', () => {
    const run = runAction({ paths: 'does-not-exist' });
    expect(run.code).toBe(2);
    expect(run.stdout.trim()).toBe('::error title=k8s-svc-lint::No such file or directory: does-not-exist');
    const badFailOn = runAction({ 'fail-on': 'sometimes' });
    expect(badFailOn.code).toBe(2);
    expect(badFailOn.stdout).toContain('fail-on must be error, warning or never');
  });
});
