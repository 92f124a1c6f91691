// Hostile repositories (issue 21), files: a repository may plant links, FIFOs and devices where the
// tool reads its config and kustomizations, and links where --fix writes. Nothing outside the linted
// folders is read or written, nothing hangs, nothing aborts; each case ends in bounded time with exit
// 0, 1 or 2 and no stack trace. Every case is built here at run time.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';
import { outputFixes } from '../src/source/write.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const TIMEOUT_MS = 20_000;
const SECRET = 'TOP-SECRET-VALUE-42';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n';
/** `type: nodeport` is fixed to `NodePort`. */
const FIXABLE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: nodeport\n  ports:\n    - port: 80\n';
const FIXED = FIXABLE.replace('nodeport', 'NodePort');

const canMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

let root: string;
let outside: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-files-'));
  outside = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-outside-'));
  writeFileSync(join(outside, 'secret.yaml'), `${SECRET}: [\n`);
  writeFileSync(join(outside, 'svc.yaml'), FIXABLE);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function repo(name: string, files: Record<string, string> = { 'svc.yaml': SERVICE }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function run(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
  expect(result.error, 'the run ends before its timeout').toBeUndefined();
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  expect([0, 1, 2]).toContain(result.status);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  return result;
}

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

describe('the config file', () => {
  it('a link to a file outside the repository: not read, its content never printed, exit 2', () => {
    const dir = repo('config-link-out');
    symlinkSync(join(outside, 'secret.yaml'), join(dir, '.k8s-svc-lint.yaml'));
    const result = run(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^k8s-svc-lint: Cannot read config file .*\.k8s-svc-lint\.yaml: it is a symbolic link to a file outside the folders being linted\n$/);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });

  it('a link to /proc/self/environ: the environment is never printed', () => {
    const dir = repo('config-environ');
    symlinkSync('/proc/self/environ', join(dir, '.k8s-svc-lint.yaml'));
    const result = spawnSync(process.execPath, [CLI, '.'], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS, env: { PATH: process.env['PATH'], HOSTILE_TEST_SECRET: SECRET } });
    expect(result.status).toBe(2);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });

  it('a link inside the repository is followed', () => {
    const dir = repo('config-link-in', { 'svc.yaml': SERVICE, 'shared.yaml': 'rules:\n  nodeport-range: off\n' });
    symlinkSync('shared.yaml', join(dir, '.k8s-svc-lint.yaml'));
    expect(run(['svc.yaml'], dir).status).toBe(0);
  });

  it.each(['/dev/zero', '/dev/urandom'])('a link to %s: refused before reading, exit 2', (device) => {
    const dir = repo(`config-${device.replace(/\W/g, '')}`);
    symlinkSync(device, join(dir, '.k8s-svc-lint.yaml'));
    const result = run(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Cannot read config file .*: it is (a symbolic link to a file outside|a device)/);
  });

  it.skipIf(!canMkfifo)('a FIFO: refused without opening it, no hang, exit 2', () => {
    const dir = repo('config-fifo');
    mkfifo(join(dir, '.k8s-svc-lint.yaml'));
    const result = run(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/it is a named pipe \(FIFO\), not a regular file/);
  });

  it('over the size limit: refused, exit 2', () => {
    const dir = repo('config-large', { 'svc.yaml': SERVICE, '.k8s-svc-lint.yaml': `# ${'x'.repeat(2 * 1024 * 1024)}\n` });
    const result = run(['.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/over the 1024 KB limit/);
  });
});

describe('kustomizations', () => {
  it.each([
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
    ['a link outside', (path: string) => symlinkSync(join(outside, 'secret.yaml'), path)],
    ...(canMkfifo ? [['a FIFO', mkfifo] as const] : []),
  ])('%s: not read; the manifests are linted, no hang, no abort', (_, plant) => {
    const dir = repo(`kustomization-${_.replace(/\W/g, '')}`);
    plant(join(dir, 'kustomization.yaml'));
    const result = run(['svc.yaml', '--format', 'json'], dir);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject([{ messages: [{ ruleId: 'nodeport-range' }] }]);
  });
});

describe('manifests that are no regular files', () => {
  it.skipIf(!canMkfifo)('a FIFO named on the command line: a finding, not a hang; other files still linted', () => {
    const dir = repo('manifest-fifo');
    mkfifo(join(dir, 'pipe.yaml'));
    const result = run(['pipe.yaml', 'svc.yaml', '--format', 'json'], dir);
    expect(result.status).toBe(1);
    const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(results.find((r) => r.filePath.endsWith('pipe.yaml'))!.messages).toMatchObject([
      { ruleId: 'file-unreadable', message: 'This is a named pipe (FIFO), not a regular file; it was not read' },
    ]);
    expect(results.find((r) => r.filePath.endsWith('svc.yaml'))!.messages).toMatchObject([{ ruleId: 'nodeport-range' }]);
  });

  it('/dev/zero named on the command line: a finding', () => {
    const result = run(['/dev/zero', '--format', 'json'], repo('manifest-zero'));
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject([{ messages: [{ ruleId: 'file-unreadable', message: 'This is a device, not a regular file; it was not read' }] }]);
  });

  it('a FIFO while walking a folder is skipped', () => {
    const dir = repo('walk-fifo');
    if (canMkfifo) mkfifo(join(dir, 'pipe.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const result = run(['.', '--format', 'json'], dir);
    const files = (JSON.parse(result.stdout) as { filePath: string }[]).map((r) => r.filePath.slice(dir.length + 1));
    expect(files).toEqual(['svc.yaml']);
  });
});

describe('--fix', () => {
  it('a file link to outside the linted folder: nothing written, exit 2', () => {
    const dir = repo('fix-file-link', {});
    symlinkSync(join(outside, 'svc.yaml'), join(dir, 'svc.yaml'));
    const result = run(['--fix', '.'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot write the fixes to svc\.yaml \(it is a symbolic link to a file outside the linted paths; nothing was written\)/);
    expect(readFileSync(join(outside, 'svc.yaml'), 'utf8')).toBe(FIXABLE);
  });

  it('a folder link to outside the linted folder: nothing written, exit 2', () => {
    const dir = repo('fix-dir-link', {});
    symlinkSync(outside, join(dir, 'linked'));
    const result = run(['--fix', '.'], dir);
    expect(result.status).toBe(2);
    expect(readFileSync(join(outside, 'svc.yaml'), 'utf8')).toBe(FIXABLE);
  });

  it('a file named outside the working directory is its own root: fixed', () => {
    const other = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-named-'));
    writeFileSync(join(other, 'svc.yaml'), FIXABLE);
    expect(run(['--fix', join(other, 'svc.yaml')], repo('fix-named', {})).status).toBe(0);
    expect(readFileSync(join(other, 'svc.yaml'), 'utf8')).toBe(FIXED);
    rmSync(other, { recursive: true, force: true });
  });

  it('keeps mode, owner and group; leaves no temporary file', () => {
    const dir = repo('fix-owner', { 'svc.yaml': FIXABLE });
    const path = join(dir, 'svc.yaml');
    chmodSync(path, 0o640);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(path, 65534, 65534);
    const before = statSync(path);
    expect(run(['--fix', '.'], dir).status).toBe(0);
    const after = statSync(path);
    expect(readFileSync(path, 'utf8')).toBe(FIXED);
    expect({ mode: after.mode & 0o7777, uid: after.uid, gid: after.gid }).toEqual({ mode: 0o640, uid: before.uid, gid: before.gid });
    expect(readdirSync(dir)).toEqual(['svc.yaml']);
  });

  it('a file changed between read and write: nothing written, a write failure', async () => {
    const dir = repo('fix-race', { 'svc.yaml': FIXABLE });
    const path = join(dir, 'svc.yaml');
    const { results } = await lint({ patterns: [path], cwd: dir, config: {}, fix: true });
    expect(results[0]!.output).toBe(FIXED);
    const edited = `${FIXABLE}# edited meanwhile\n`;
    writeFileSync(path, edited);
    const failures = await outputFixes(results, { roots: [dir] });
    expect(failures).toEqual([{ filePath: path, message: 'the file changed since it was read; nothing was written (run again)' }]);
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(readdirSync(dir)).toEqual(['svc.yaml']);
  });

  it('a same-size edit with a new mtime is noticed too', async () => {
    const dir = repo('fix-race-same-size', { 'svc.yaml': FIXABLE });
    const path = join(dir, 'svc.yaml');
    const { results } = await lint({ patterns: [path], cwd: dir, config: {}, fix: true });
    const edited = FIXABLE.replace('web', 'wab');
    writeFileSync(path, edited);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(await outputFixes(results, { roots: [dir] })).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });
});
