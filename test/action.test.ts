import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { action, runAction as runActionOn } from './harness/action.js';
import { ROOT } from './harness/checkout.js';

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

const runAction = (inputs: Record<string, string>) => runActionOn(MANIFESTS, inputs);

describe('GitHub Action (action.yml)', () => {
  it('is a JavaScript action running the committed bundle, with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('node24');
    expect(action.runs.main).toBe('action/dist/index.mjs');
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'fail-on', 'paths', 'sarif-file']);
    expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
  });

  it('annotates each finding, appends a job summary, writes SARIF, and fails on errors', () => {
    const run = runAction({ paths: 'manifests', 'sarif-file': 'reports/k8s.sarif' });
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    // The most severe first: errors, then warnings.
    expect(annotations).toEqual([
      '::error file=manifests/web.yaml,line=10,col=17,endLine=10,endColumn=22,title=nodeport-range::nodePort 40080 is outside the node port range 30000-32767; the API server rejects it. Pick a port in the range, or leave it out to have one allocated',
      '::warning file=manifests/db.yaml,line=9,col=17,endLine=9,endColumn=22,title=nodeport-static-band::nodePort 31432 is in the band 30086-32767 that Kubernetes allocates automatic node ports from, so another Service may take it first and this apply then fails. Pick a port in the static band 30000-30085, or leave it out',
      '::warning file=manifests/web.yaml,line=13,col=17,endLine=13,endColumn=22,title=nodeport-static-band::nodePort 31090 is in the band 30086-32767 that Kubernetes allocates automatic node ports from, so another Service may take it first and this apply then fails. Pick a port in the static band 30000-30085, or leave it out',
    ]);
    expect(run.stdout).toContain('k8s-svc-lint: 1 error(s), 2 warning(s) in 3 file(s)');
    expect(run.outputs).toBe('errors=1\nwarnings=2\nsarif-file=reports/k8s.sarif\n');

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
