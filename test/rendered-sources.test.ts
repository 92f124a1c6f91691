import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kustomizeCommand } from '../src/source/kustomize-render.js';
import { ROOT } from './harness/checkout.js';

const BIN = join(ROOT, 'bin', 'k8s-svc-lint.js');

function workspace(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-rendered-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function cli(cwd: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
    env: options.env ?? { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const NODEPORT_SERVICE = (name: string, nodePort: number): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  selector:\n    app: ${name}\n  ports:\n    - port: 80\n      nodePort: ${nodePort}\n`;

describe('Helm: `# Source:` paths name the chart, and findings go to its files on disk', () => {
  // `helm template deploy/shop-chart` names its files by the chart's name, `shop`, not its folder.
  const rendered = `---\n# Source: shop/templates/service.yaml\n${NODEPORT_SERVICE('shop-web', 40000)}---\n# Source: shop/charts/db/templates/service.yaml\n${NODEPORT_SERVICE('shop-db', 50000)}`;
  const chart = {
    'deploy/shop-chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
    'deploy/shop-chart/templates/service.yaml': NODEPORT_SERVICE('{{ .Release.Name }}-web', 40000),
    'deploy/shop-chart/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 0.1.0\n',
    'deploy/shop-chart/charts/db/templates/service.yaml': NODEPORT_SERVICE('{{ .Release.Name }}-db', 50000),
  };

  it('finds the chart under the working directory by its Chart.yaml name (subcharts included)', () => {
    const dir = workspace(chart);
    const run = cli(dir, ['-f', 'json', '-'], { input: rendered });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number }[] }[];
    expect(results.map((r) => [r.filePath, r.messages.map((m) => `${m.line}:${m.column}`)])).toEqual([
      [join(dir, 'deploy/shop-chart/templates/service.yaml'), ['11:17']],
      [join(dir, 'deploy/shop-chart/charts/db/templates/service.yaml'), ['11:17']],
    ]);
    expect(run.code).toBe(1);
  });

  it('--helm-chart names the chart folder', () => {
    const dir = workspace({ ...chart, 'deploy/shop-chart/Chart.yaml': 'apiVersion: v2\nname: other\nversion: 0.1.0\n' });
    const run = cli(join(dir, 'deploy'), ['--helm-chart', 'shop-chart', '-'], { input: rendered });
    expect(run.stdout).toContain('\nshop-chart/templates/service.yaml\n  11:17  error  nodePort 40000');
    expect(run.stdout).toContain('\nshop-chart/charts/db/templates/service.yaml\n  11:17  error  nodePort 50000');
  });

  it('without a chart to be found, the paths stay as Helm wrote them', () => {
    const run = cli(workspace({}), ['-'], { input: rendered });
    expect(run.stdout).toContain('\nshop/templates/service.yaml\n  11:17  error');
  });
});

const hasKustomize = kustomizeCommand() !== undefined;

describe('--kustomize: a kustomization is rendered, and findings go to the files the resources came from', () => {
  const tree = {
    'base/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'base/service.yaml': `# the web front end\n${NODEPORT_SERVICE('web', 40000)}`,
    'overlays/prod/kustomization.yaml': 'namespace: shop\nnamePrefix: prod-\nresources:\n  - ../../base\n  - db.yaml\npatches:\n  - path: web-patch.yaml\n',
    'overlays/prod/db.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n${NODEPORT_SERVICE('db', 31432)}`,
    'overlays/prod/web-patch.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  externalTrafficPolicy: Sideways\n',
  };

  it.skipIf(!hasKustomize)('maps each finding to its source file and line, through the origin annotations', () => {
    const dir = workspace(tree);
    const before = readFileSync(join(dir, 'overlays/prod/kustomization.yaml'), 'utf8');
    const run = cli(dir, ['--kustomize', '-f', 'json', 'overlays/prod']);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    const found = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)]));
    expect(found).toEqual({
      // The base's nodePort at its own line (the file opens with a comment: lines are the file's, not
      // the rendered stream's); the patched field, which the base does not have, at its closest parent there.
      'base/service.yaml': ['schema 6:1', 'nodeport-range 12:17'],
      'overlays/prod/db.yaml': ['nodeport-static-band 16:17'],
    });
    // The user's kustomization is left as it was.
    expect(readFileSync(join(dir, 'overlays/prod/kustomization.yaml'), 'utf8')).toBe(before);
    expect(run.code).toBe(1);
  });

  it.runIf(!hasKustomize)('(skipped: neither kustomize nor kubectl is on the PATH)', () => {
    console.log('--kustomize tests skipped: neither kustomize nor kubectl is on the PATH');
  });

  it('without kustomize or kubectl on the PATH, says so in one line and exits 2', () => {
    const dir = workspace(tree);
    const run = cli(dir, ['--kustomize', 'overlays/prod'], { env: { PATH: '' } });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'k8s-svc-lint: --kustomize needs `kustomize` or `kubectl` on the PATH to build overlays/prod; neither was found\n' });
  });

  it.skipIf(!hasKustomize)('a kustomization that does not build is one line and exit 2', () => {
    const dir = workspace({ 'broken/kustomization.yaml': 'resources:\n  - missing.yaml\n' });
    const run = cli(dir, ['--kustomize', 'broken']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^k8s-svc-lint: (kubectl kustomize|kustomize build) could not build broken: .*missing\.yaml.*\n$/);
    expect(run.stdout).toBe('');
  });

  it('--fix does not apply to rendered output', () => {
    expect(cli(workspace(tree), ['--kustomize', '--fix', 'overlays/prod']).code).toBe(2);
  });
});

describe('--staged (the pre-commit hook’s command line, without pre-commit)', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });

  it('lints only the staged manifests, with the tracked ones as context; with nothing staged, every tracked one', () => {
    const dir = workspace({ 'a/web.yaml': NODEPORT_SERVICE('web', 30080), 'a/other.yaml': NODEPORT_SERVICE('other', 40000), 'package.json': '{}' });
    git(dir, 'init', '-q');
    git(dir, 'add', 'a/other.yaml', 'package.json');
    git(dir, 'commit', '-q', '-m', 'other');
    // As under `pre-commit run --all-files`: nothing staged.
    const all = cli(dir, ['--staged', '--verbose']);
    expect(all.stdout).toContain('a/other.yaml\n  11:17  error  nodePort 40000 is outside the node port range');
    expect(all.stderr).toContain('k8s-svc-lint: linted 1 file(s)\n');
    expect(all.code).toBe(1);

    // web.yaml is staged; other.yaml (committed, with an error) is context only.
    git(dir, 'add', 'a/web.yaml');
    const run = cli(join(dir, 'a'), ['--staged', '--verbose']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('k8s-svc-lint: linted 1 file(s), read 1 context file(s) for references');
    expect(run.code).toBe(0);
  });

  it('names no paths, and needs a git repository', () => {
    expect(cli(workspace({}), ['--staged', 'x.yaml']).stderr).toContain('--staged lints the staged files: name no paths with it');
    const outside = cli(workspace({}), ['--staged'], { env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^k8s-svc-lint: --staged reads the change set from git, which failed: fatal: not a git repository/);
  });
});
