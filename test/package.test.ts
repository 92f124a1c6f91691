import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCheckout } from './harness/checkout.js';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n';
const FINDING = /9:17 +error +nodePort 40000 is outside the node port range 30000-32767/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(command: string, args: string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Total size in bytes of the files under `dir`. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/**
 * What a user gets: a fresh clone of this checkout (its first `npx k8s-svc-lint` builds), then the
 * tarball `npm pack` makes there, installed with `--ignore-scripts` in an empty project elsewhere.
 */
describe('the npm package', () => {
  let clone: string;
  let project: string;
  let firstRun: Run;
  let pack: Run;
  let tarball: string[];
  let installSeconds: number;

  beforeAll(() => {
    clone = copyCheckout('k8s-svc-lint-clone-', { nodeModules: true });
    firstRun = run('npx', ['--no-install', 'k8s-svc-lint', 'examples/'], clone);
    pack = run('npm', ['pack', '--silent'], clone);
    const file = join(clone, pack.stdout.trim());
    tarball = execFileSync('tar', ['tzf', file], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));

    project = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-user-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
    writeFileSync(join(project, 'svc.yaml'), SERVICE);
    const start = performance.now();
    const install = run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', file], project);
    installSeconds = (performance.now() - start) / 1000;
    expect(install.code, install.stderr).toBe(0);
  }, 480_000);

  afterAll(() => {
    for (const dir of [clone, project]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('in a fresh clone, `npx k8s-svc-lint` builds first (saying so on stderr), then lints', () => {
    expect(firstRun.stderr).toContain('k8s-svc-lint: building dist/ first');
    expect(firstRun.stdout).toMatch(/^\nexamples\/api\.yaml\n/);
    expect(firstRun.stdout).toContain('✖ 8 problems (5 errors, 3 warnings)');
    expect(firstRun.code).toBe(1);
    // Built once: the next run starts at once, with nothing on stderr.
    const again = run('npx', ['--no-install', 'k8s-svc-lint', 'examples/'], clone);
    expect(again).toEqual({ ...firstRun, stderr: '' });
  });

  it('`npm pack` prints only the tarball name on stdout (pre-commit reads it)', () => {
    expect(pack.code, pack.stderr).toBe(0);
    expect(pack.stdout).toBe('k8s-svc-lint-0.1.0.tgz\n');
  });

  it('the tarball holds the built code, the launcher, schemas and docs, and no sources, tests or code cache', () => {
    for (const file of [
      'bin/k8s-svc-lint.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/main.js',
      'dist/src/cli/cli.cjs',
      'dist/rules/index.js',
      'schemas/config.schema.json',
      'docs/rules.md',
      'README.md',
      'CHANGELOG.md',
      'package.json',
    ]) {
      expect(tarball).toContain(file);
    }
    expect(tarball.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(tarball.filter((f) => /^(src|test|fixtures|examples|bench|scripts|action)\/|^dist\/(bench|scripts|src\/action)\/|\.cache$/.test(f))).toEqual([]);
  });

  it('installs with --ignore-scripts, without dev tooling, and `npx k8s-svc-lint` lints a manifest', () => {
    const modules = readdirSync(join(project, 'node_modules'));
    for (const devOnly of ['typescript', 'eslint', '@typescript-eslint', 'rolldown', 'vitest']) expect(modules).not.toContain(devOnly);
    const size = sizeOf(join(project, 'node_modules'));
    console.log(`installed: ${(size / 1e6).toFixed(1)} MB in ${installSeconds.toFixed(1)} s`);
    expect(size).toBeLessThan(25e6); // typescript alone is 23 MB

    // V8's code cache is not shipped (it fits only the Node that made it): the first run writes it, for this Node.
    const codeCache = join(project, 'node_modules', 'k8s-svc-lint', 'dist', 'src', 'cli', 'cli.cjs.cache');
    expect(existsSync(codeCache)).toBe(false);
    const lint = run('npx', ['--no-install', 'k8s-svc-lint', 'svc.yaml'], project);
    expect(lint.stdout).toMatch(FINDING);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(1);
    expect(existsSync(codeCache)).toBe(true);
    expect(run('npx', ['--no-install', 'k8s-svc-lint', 'svc.yaml'], project)).toEqual(lint);
    expect(run('npx', ['--no-install', 'k8s-svc-lint', '--version'], project)).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('the library imports by its package name, and its type declarations name only runtime dependencies', () => {
    const script = `import { lintText } from 'k8s-svc-lint';\nconst { results } = await lintText(${JSON.stringify(SERVICE)}, { filePath: 'svc.yaml' });\nconsole.log(results[0].messages.map((m) => m.ruleId).join());\n`;
    writeFileSync(join(project, 'use.mjs'), script);
    expect(run('node', ['use.mjs'], project)).toEqual({ code: 0, stdout: 'nodeport-range\n', stderr: '' });

    const installed = join(project, 'node_modules', 'k8s-svc-lint');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    for (const file of tarball.filter((f) => f.endsWith('.d.ts'))) {
      const code = readFileSync(join(installed, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const [, from, dynamic] of code.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
        const specifier = from ?? dynamic;
        if (!specifier!.startsWith('.') && !specifier!.startsWith('node:'))
          imported.add(
            specifier!
              .split('/')
              .slice(0, specifier!.startsWith('@') ? 2 : 1)
              .join('/'),
          );
      }
    }
    for (const name of imported) expect(Object.keys(manifest.dependencies)).toContain(name);
  });
});
