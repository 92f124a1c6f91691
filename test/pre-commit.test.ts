import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCheckout } from './harness/checkout.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

const SERVICE = (nodePort: number): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n    - port: 80\n      nodePort: ${nodePort}\n`;
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

const API_SERVICE = (targetPort: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector: { app: api }\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;

const CONFIG = (args: string[] = []): string =>
  `repos:\n  - repo: ${hookRepo}\n    rev: ${hookRev}\n    hooks:\n      - id: k8s-svc-lint\n${args.length > 0 ? `        args: ${JSON.stringify(args)}\n` : ''}`;

let hookRepo = '';
let hookRev = '';

/**
 * The real pre-commit, running this checkout's hook (`.pre-commit-hooks.yaml`) as a user's
 * `.pre-commit-config.yaml` names it (a repository and a rev: here a commit of a copy of this
 * checkout), on the staged files of a temporary git repository. One PRE_COMMIT_HOME for every case:
 * the hook's environment (npm install, npm pack, npm install -g of the tarball) is made once, by
 * `pre-commit install-hooks`, and every case reuses it. .ci/run installs pre-commit; elsewhere the
 * suite is skipped when it is missing.
 */
describe.skipIf(!hasPreCommit)('pre-commit hook (real pre-commit)', () => {
  let base: string;
  let repo: string;
  const env = { ...process.env, PRE_COMMIT_HOME: '', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env, encoding: 'utf8' });
  const preCommit = (...args: string[]): { code: number; output: string; seconds: number } => {
    const start = performance.now();
    const result = spawnSync('pre-commit', [...args, '--color', 'never'], { cwd: repo, env, encoding: 'utf8', timeout: 600_000 });
    return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}`, seconds: (performance.now() - start) / 1000 };
  };
  const hook = () => preCommit('run', 'k8s-svc-lint');
  /** The hook's own time, as pre-commit reports it for a verbose hook. */
  const duration = (output: string): number => Number(/- duration: ([\d.]+)s/.exec(output)?.[1] ?? NaN);
  const stage = (files: Record<string, string>): void => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(repo, name), text);
    git(repo, 'add', ...Object.keys(files));
  };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-pre-commit-'));
    env.PRE_COMMIT_HOME = join(base, 'cache');
    hookRepo = copyCheckout('k8s-svc-lint-hook-repo-');
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-q', '-m', 'hook');
    hookRev = git(hookRepo, 'rev-parse', 'HEAD').trim();

    repo = join(base, 'repo');
    mkdirSync(join(repo, 'manifests'), { recursive: true });
    git(repo, 'init', '-q');
    stage({ 'manifests/api.yaml': DEPLOYMENT, '.pre-commit-config.yaml': CONFIG() });
    git(repo, 'commit', '-q', '-m', 'api');
    const install = preCommit('install-hooks');
    console.log(`pre-commit install-hooks: ${install.seconds.toFixed(1)} s`);
    expect(install.code, install.output).toBe(0);
  }, 900_000);

  afterAll(() => {
    for (const dir of [base, hookRepo]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails on a bad staged manifest, naming the finding', () => {
    stage({ 'manifests/web.yaml': SERVICE(40000) });
    const run = hook();
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain('k8s-svc-lint...');
    expect(run.output).toContain('manifests/web.yaml');
    expect(run.output).toMatch(/12:17 +error +nodePort 40000 is outside the node port range 30000-32767/);
  });

  it('passes with warnings, and shows them; the unchanged files are context for references, not reported on', () => {
    // The Service selects app=web; the only workload (api.yaml, unchanged) has app=api: the
    // repository's manifests are the context, so the selector is judged, and warned about.
    stage({ 'manifests/web.yaml': SERVICE(30080) });
    const run = hook();
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/k8s-svc-lint\.+Passed/);
    expect(run.output).toMatch(/manifests\/web\.yaml\n +9:10 +warning +Selector app=web matches no pod in namespace shop/);
    expect(run.output).not.toContain('manifests/api.yaml');
    // A small change, after install: the hook's own time (pre-commit measures it), and pre-commit's in all.
    console.log(`hook run on one staged file: ${duration(run.output)} s (pre-commit run in all: ${run.seconds.toFixed(2)} s)`);
    expect(duration(run.output)).toBeLessThan(2); // about 0.3 s; the margin is for a loaded machine
  });

  it('with args: [--max-warnings=0], warnings fail the hook (the environment is not made again)', () => {
    stage({ '.pre-commit-config.yaml': CONFIG(['--max-warnings=0']) });
    const run = hook();
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain('k8s-svc-lint found too many warnings (maximum: 0).');
    expect(run.output).not.toContain('[INFO] Installing environment');
    stage({ '.pre-commit-config.yaml': CONFIG() });
  });

  it('one process sees the whole change set, however long its file list', () => {
    git(repo, 'commit', '-q', '-m', 'web');
    // 2,000 staged files with long names: more than pre-commit passes to one process (128 kB of
    // arguments). The duplicate Service is in the first and the last of them.
    const files: Record<string, string> = {};
    const dir = `manifests/${'many-files-'.repeat(6)}`;
    mkdirSync(join(repo, dir), { recursive: true });
    for (let i = 0; i < 2000; i++)
      files[`${dir}/config-map-${String(i).padStart(4, '0')}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: shop\n`;
    const db = API_SERVICE('http').replace('name: api', 'name: db');
    Object.assign(files, { [`${dir}/a-db.yaml`]: db, [`${dir}/z-db.yaml`]: db });
    stage(files);
    const run = hook();
    expect(run.output).toMatch(/z-db\.yaml\n +4:9 +warning +Service shop\/db is also defined at manifests\/.*\/a-db\.yaml:4/);
    git(repo, 'rm', '-q', '-r', '--cached', dir);
    rmSync(join(repo, dir), { recursive: true });
  });

  it('with `context` in the config, it is the context instead of the whole repository', () => {
    // Only the Service changes; the Deployment it points at is in the unchanged api.yaml.
    stage({ '.k8s-svc-lint.yaml': 'context:\n  - manifests/**\n', 'manifests/api-svc.yaml': API_SERVICE('htp') });
    const run = hook();
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/manifests\/api-svc\.yaml\n +10:19 +error +targetPort "htp" names no container port of the selected pods \(Deployment api: http 3000\/TCP\)/);
    expect(run.output).not.toContain('manifests/api.yaml');
  });

  it('`pre-commit run --all-files` (nothing staged) lints every tracked manifest', () => {
    git(repo, 'commit', '-q', '-m', 'api-svc');
    const run = preCommit('run', 'k8s-svc-lint', '--all-files');
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/manifests\/api-svc\.yaml\n +10:19 +error +targetPort "htp"/);
    expect(run.output).toMatch(/manifests\/web\.yaml\n +9:10 +warning +Selector app=web/);
  });
});
