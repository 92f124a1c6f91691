import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

function workspace(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-inputs-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function cli(cwd: string, args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          ports:
            - { name: http, containerPort: 3000 }
`;
const SERVICE = (targetPort: string): string => `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector: { app: api }
  ports:
    - port: 80
      targetPort: ${targetPort}
`;

describe('context: files read for references, not reported on', () => {
  const files = {
    'manifests/api.yaml': DEPLOYMENT,
    'manifests/svc.yaml': SERVICE('htp'),
    // A mistake in a context file is not this run's business.
    'manifests/other.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n',
  };

  it('without context, a Service whose pods are in an unchanged file is not judged, and --verbose says so', () => {
    const dir = workspace(files);
    const run = cli(dir, ['--verbose', 'manifests/svc.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('k8s-svc-lint: linted 1 file(s)\n');
    expect(run.stderr).toMatch(/namespace shop: the input holds no workload \(no pod source\) of this namespace, .*were not checked/);
  });

  it('with `context`, the reference resolves and only the named file is reported', () => {
    const dir = workspace({ ...files, '.k8s-svc-lint.yaml': 'context:\n  - manifests/**\n' });
    const run = cli(dir, ['--verbose', '--format', 'json', 'manifests/svc.yaml']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(results.map((r) => r.filePath)).toEqual([join(dir, 'manifests/svc.yaml')]);
    expect(results[0]!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual(['service-target-port 10:19']);
    expect(run.stderr).toContain('linted 1 file(s), read 2 context file(s) for references');
    expect(run.stderr).not.toContain('were not checked');
  });

  it('the fixed Service passes with the same context', () => {
    const dir = workspace({ ...files, 'manifests/svc.yaml': SERVICE('http'), '.k8s-svc-lint.yaml': 'context:\n  - manifests/**\n' });
    expect(cli(dir, ['manifests/svc.yaml'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('kustomize: a kustomization namespace applies to the files it lists', () => {
  const service = (namespace: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  ports:\n    - port: 80\n`;

  it('two Services that kustomize puts in one namespace are duplicates', () => {
    const dir = workspace({
      'app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: team-a\nresources:\n  - a.yaml\n  - nested\n',
      'app/a.yaml': service('one'),
      'app/nested/kustomization.yaml': 'resources:\n  - b.yaml\n',
      'app/nested/b.yaml': service('two'),
    });
    const run = cli(dir, ['--format', 'json', 'app']);
    const messages = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages);
    expect(messages.map((m) => m.ruleId)).toEqual(['duplicate-resource']);
    expect(messages[0]!.message).toContain('Service team-a/web is also defined at app/a.yaml:4');
  });

  it('without the kustomization the namespaces differ, and nothing is reported', () => {
    const dir = workspace({ 'app/a.yaml': service('one'), 'app/nested/b.yaml': service('two') });
    expect(cli(dir, ['app'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("a base shared by two overlays is built in each overlay's namespace: two Services of one name collide in each, reported once", () => {
    const dir = workspace({
      'base/kustomization.yaml': 'resources:\n  - a.yaml\n  - b.yaml\n',
      'base/a.yaml': service('one'),
      'base/b.yaml': service('two'),
      'prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../base\n',
      'staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../base\n',
    });
    const run = cli(dir, ['--format', 'json', '.']);
    const messages = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages);
    expect(messages.map((m) => m.ruleId)).toEqual(['duplicate-resource']);
    expect(messages[0]!.message).toContain('Service prod/web is also defined at base/a.yaml:4');
  });
});

describe('Helm: rendered output on stdin is reported per template', () => {
  const rendered = `---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 40000
---
# Source: shop/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  mode: "on"
`;

  it('maps each finding to its template file and the line in it', () => {
    const dir = workspace({});
    const run = cli(dir, ['-'], rendered);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('shop/templates/service.yaml\n  9:17  error  nodePort 40000 is outside the node port range');
    const json = cli(dir, ['--format', 'json', '-'], rendered);
    const results = JSON.parse(json.stdout) as { filePath: string; messages: { line: number }[] }[];
    expect(results.map((r) => [r.filePath, r.messages.map((m) => m.line)])).toEqual([
      [join(dir, 'shop/templates/service.yaml'), [9]],
      [join(dir, 'shop/templates/configmap.yaml'), []],
    ]);
  });

  it('a rendered file on disk keeps its own path and lines', () => {
    const dir = workspace({ 'rendered.yaml': rendered });
    expect(cli(dir, ['rendered.yaml']).stdout).toContain('rendered.yaml\n  11:17  error  nodePort 40000');
  });
});

describe('ESLint formatter packages', () => {
  it('--format junit loads eslint-formatter-junit (a dev dependency) and gives it ESLint results', () => {
    const dir = workspace({ 'svc.yaml': SERVICE('http').replace('  selector: { app: api }\n', '  type: NodePort\n').replace('targetPort: http', 'nodePort: 40000') });
    const run = cli(dir, ['--format', 'junit', 'svc.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<?xml version="1.0" encoding="utf-8"?>');
    expect(run.stdout).toMatch(
      /<testcase time="0" name="org\.eslint\.nodeport-range" classname="[^"]*svc"><failure message="nodePort 40000 is outside the node port range 30000-32767/,
    );
  });
});

describe('library', () => {
  it('is importable by its package name, with lint, loadConfig and formatters, and ships its types', () => {
    const script = `
      import { lint, loadConfig, formatters, formatterContext } from 'k8s-svc-lint';
      const { results } = await lint({ patterns: ['examples/web.yaml'], config: loadConfig(process.cwd()).config });
      process.stdout.write(await formatters.json(results, formatterContext()));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const results = JSON.parse(out) as { messages: { ruleId: string }[] }[];
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('nodeport-range');
    const types = execFileSync(process.execPath, ['-e', "console.log(require('fs').existsSync(require('path').join('dist','src','index.d.ts')))"], { cwd: ROOT, encoding: 'utf8' });
    expect(types.trim()).toBe('true');
  });
});
