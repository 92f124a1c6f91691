// An unreadable folder or kustomization is a `file-unreadable` finding, never linted as empty (issue 19),
// in process. Root reads any folder or file whatever its mode, so here reading fails by a mock, with EACCES
// as for a user without read permission: `readdir` of folders named `locked`, and opening the files of a
// folder named `locked-app`. test/hostile.test.ts runs the same cases through the CLI as `nobody`.
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../src/lint.js';
import { discoverFiles } from '../src/source/discover.js';
import { kustomizeLayout } from '../src/source/kustomize.js';

function permissionDenied(call: string, path: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, ${call} '${String(path)}'`), { code: 'EACCES' });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const readdir = (path: Fs.PathLike, ...rest: unknown[]) =>
    basename(String(path)) === 'locked' ? Promise.reject(permissionDenied('scandir', path)) : (fs.readdir as (...args: unknown[]) => unknown)(path, ...rest);
  return { ...fs, default: { ...fs, readdir }, readdir };
});

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const readdirSync = (path: Fs.PathLike, ...rest: unknown[]) => {
    if (basename(String(path)) === 'locked') throw permissionDenied('scandir', path);
    return (fs.readdirSync as (...args: unknown[]) => unknown)(path, ...rest);
  };
  const openSync = (path: Fs.PathLike, ...rest: unknown[]) => {
    if (basename(dirname(String(path))) === 'locked-app') throw permissionDenied('open', path);
    return (fs.openSync as (...args: unknown[]) => unknown)(path, ...rest);
  };
  return { ...fs, default: { ...fs, readdirSync, openSync }, readdirSync, openSync };
});

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n';
const FOLDER_MESSAGE = 'Cannot read this folder (EACCES): permission denied; the files in it were not linted';

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-unreadable-')));
  mkdirSync(join(root, 'tree', 'locked'), { recursive: true });
  writeFileSync(join(root, 'tree', 'locked', 'hidden.yaml'), SERVICE);
  writeFileSync(join(root, 'tree', 'valid.yaml'), SERVICE);
  mkdirSync(join(root, 'app', 'locked-app'), { recursive: true });
  writeFileSync(join(root, 'app', 'svc.yaml'), SERVICE);
  writeFileSync(join(root, 'app', 'kustomization.yaml'), 'resources: [locked-app]\n');
  writeFileSync(join(root, 'app', 'locked-app', 'kustomization.yaml'), 'namespace: prod\nresources: [svc.yaml]\n');
  writeFileSync(join(root, 'app', 'locked-app', 'svc.yaml'), SERVICE);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a folder that cannot be listed', () => {
  it('is among the paths discovered, beside the files of the folders that can be listed', async () => {
    expect(await discoverFiles(['tree'], { cwd: root, ignore: [] })).toEqual([join(root, 'tree', 'locked'), join(root, 'tree', 'valid.yaml')]);
    expect(await discoverFiles(['tree/**/*.yaml'], { cwd: root, ignore: [] })).toEqual([join(root, 'tree', 'locked'), join(root, 'tree', 'valid.yaml')]);
  });

  it('is a file-unreadable finding at that folder; the other files are still linted', async () => {
    const { results } = await lint({ patterns: ['tree'], cwd: root, config: {} });
    expect(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.severity, m.line, m.message])])).toEqual([
      [join(root, 'tree', 'locked'), [['file-unreadable', 2, 1, FOLDER_MESSAGE]]],
      [join(root, 'tree', 'valid.yaml'), [['nodeport-range', 2, 9, expect.any(String)]]],
    ]);
  });

  it('named on its own, is an error, not a clean run', async () => {
    const { results } = await lint({ patterns: ['tree/locked'], cwd: root, config: {} });
    expect(results).toMatchObject([{ filePath: join(root, 'tree', 'locked'), errorCount: 1, messages: [{ ruleId: 'file-unreadable', message: FOLDER_MESSAGE }] }]);
  });
});

describe('a kustomization that cannot be read', () => {
  const message = 'Cannot read this kustomization (EACCES): the namespace it sets and the files it lists were not taken into account';
  const locked = (file: string) => join(root, 'app', 'locked-app', file);

  it('is listed as unreadable by the layout', () => {
    const layout = kustomizeLayout([join(root, 'app', 'svc.yaml')]);
    expect(layout.unreadable).toMatchObject([{ path: locked('kustomization.yaml'), problems: [{ ruleId: 'file-unreadable', message }] }]);
  });

  it('is a finding when it is not named (a base the named files include); the named files are still linted', async () => {
    const { results } = await lint({ patterns: ['app/svc.yaml'], cwd: root, config: {} });
    expect(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.ruleId === 'file-unreadable' ? m.message : '…'])])).toEqual([
      [join(root, 'app', 'svc.yaml'), [['nodeport-range', '…']]],
      [locked('kustomization.yaml'), [['file-unreadable', message]]],
    ]);
  });

  it('named for linting, it is reported once, as the file it is', async () => {
    const { results } = await lint({ patterns: ['app/locked-app'], cwd: root, config: {} });
    expect(results.filter((r) => r.filePath === locked('kustomization.yaml'))).toMatchObject([
      { messages: [{ ruleId: 'file-unreadable', message: 'Cannot read this file (EACCES): permission denied' }] },
    ]);
  });
});
