import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
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

/**
 * The real pre-commit, running this repository's hook (`.pre-commit-hooks.yaml`) with `try-repo`
 * against a temporary git repository, on the staged files as at commit time. Its first run installs
 * the hook's environment (npm install of this package), so the suite allows it a few minutes.
 * .ci/run installs pre-commit; elsewhere the suite is skipped when it is missing.
 */
describe.skipIf(!hasPreCommit)('pre-commit hook (real pre-commit, try-repo)', () => {
  let repo: string;
  const env = { ...process.env, PRE_COMMIT_HOME: '', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  const hook = (): { code: number; output: string } => {
    const result = spawnSync('pre-commit', ['try-repo', ROOT, 'k8s-svc-lint', '--color', 'never'], { cwd: repo, env, encoding: 'utf8', timeout: 300_000 });
    return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  };

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-pre-commit-'));
    env.PRE_COMMIT_HOME = join(base, 'cache');
    repo = join(base, 'repo');
    mkdirSync(join(repo, 'manifests'), { recursive: true });
    git('init', '-q');
    writeFileSync(join(repo, 'manifests', 'api.yaml'), DEPLOYMENT);
    git('add', '.');
    git('commit', '-q', '-m', 'api');
  });

  it('fails on a bad staged manifest, naming the finding', () => {
    writeFileSync(join(repo, 'manifests', 'web.yaml'), SERVICE(40000));
    git('add', 'manifests/web.yaml');
    const run = hook();
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain('k8s-svc-lint...');
    expect(run.output).toContain('manifests/web.yaml');
    expect(run.output).toMatch(/12:17 +error +nodePort 40000 is outside the node port range 30000-32767/);
  }, 600_000);

  it('passes once the manifest is fixed, and says nothing of resources in unchanged files', () => {
    // The Service selects app=web; the only workload in the repository (api.yaml, unchanged) is not
    // passed to the hook, so the selector cannot be judged and is not reported.
    writeFileSync(join(repo, 'manifests', 'web.yaml'), SERVICE(30080));
    git('add', 'manifests/web.yaml');
    const run = hook();
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/k8s-svc-lint\.+Passed/);
  }, 600_000);

  it('with `context` in the config, references into unchanged files are checked', () => {
    git('commit', '-q', '-m', 'web');
    // Only the Service changes; the Deployment it points at is in the unchanged api.yaml.
    writeFileSync(join(repo, '.k8s-svc-lint.yaml'), 'context:\n  - manifests/**\n');
    writeFileSync(join(repo, 'manifests', 'api-svc.yaml'), API_SERVICE('htp'));
    git('add', '.k8s-svc-lint.yaml', 'manifests/api-svc.yaml');
    const run = hook();
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/manifests\/api-svc\.yaml\n +10:19 +error +targetPort "htp" names no container port of the selected pods \(Deployment api: http 3000\/TCP\)/);
    expect(run.output).not.toContain('manifests/api.yaml');
  }, 600_000);
});
