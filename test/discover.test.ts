import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles, InputError, type IgnoreSet } from '../src/source/discover.js';

let root: string;

const FILES = [
  'top.yaml',
  'a/one.yaml',
  'a/b/two.yml',
  'a/b/three.json',
  'a/b/readme.md',
  'a/b/notes.txt',
  'skip/s.yaml',
  'node_modules/pkg/n.yaml',
  'a/node_modules/pkg/deep.yaml',
  '.git/config.yaml',
  '.hidden/h.yaml',
];

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-discover-')));
  for (const file of FILES) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'kind: ConfigMap\n');
  }
  symlinkSync('..', join(root, 'a/b/loop')); // a/b/loop → a: a cycle
  symlinkSync(join(root, 'a'), join(root, 'a/b/alias')); // another way into a folder already walked
  symlinkSync(join(root, 'top.yaml'), join(root, 'a/link.yaml')); // a link to a file
  symlinkSync(join(root, 'missing.yaml'), join(root, 'a/dangling.yaml')); // a broken link
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function discover(inputs: string[], ignore: IgnoreSet[] = [], cwd = root): Promise<string[]> {
  const files = await discoverFiles(inputs, { cwd, ignore });
  return files.map((file) => relative(root, file).split('\\').join('/'));
}

describe('directories', () => {
  it('recurses, keeps *.yaml, *.yml and *.json, skips node_modules and .git, follows links without looping', async () => {
    expect(await discover(['.'])).toEqual(['.hidden/h.yaml', 'a/b/three.json', 'a/b/two.yml', 'a/link.yaml', 'a/one.yaml', 'skip/s.yaml', 'top.yaml']);
  });

  it('returns absolute paths, sorted', async () => {
    const files = await discoverFiles(['a'], { cwd: root, ignore: [] });
    expect(files).toEqual([join(root, 'a/b/three.json'), join(root, 'a/b/two.yml'), join(root, 'a/link.yaml'), join(root, 'a/one.yaml')]);
  });

  it('a symlink loop terminates (walking into the loop directly)', async () => {
    expect(await discover(['a/b/loop'])).toEqual(['a/b/loop/b/three.json', 'a/b/loop/b/two.yml', 'a/b/loop/link.yaml', 'a/b/loop/one.yaml']);
  });

  it('the same file named twice is listed once', async () => {
    expect(await discover(['top.yaml', './top.yaml', join(root, 'top.yaml')])).toEqual(['top.yaml']);
  });

  it('a file named explicitly is kept whatever its extension or folder', async () => {
    expect(await discover(['a/b/readme.md', 'node_modules/pkg/n.yaml'])).toEqual(['a/b/readme.md', 'node_modules/pkg/n.yaml']);
  });

  it('a directory named explicitly is walked even if it is node_modules', async () => {
    expect(await discover(['node_modules'])).toEqual(['node_modules/pkg/n.yaml']);
  });

  it('paths are relative to cwd', async () => {
    // a/b/alias leads back to a, not walked yet in this call; a/b/loop and a/b/alias/b then lead to folders already walked.
    expect(await discover(['b'], [], join(root, 'a'))).toEqual(['a/b/alias/link.yaml', 'a/b/alias/one.yaml', 'a/b/three.json', 'a/b/two.yml']);
  });
});

describe('globs', () => {
  it.each([
    ['**/*.yml', ['a/b/two.yml']],
    ['a/**/*.{yaml,json}', ['a/b/three.json', 'a/link.yaml', 'a/one.yaml']],
    ['a/*.yaml', ['a/link.yaml', 'a/one.yaml']],
    ['*.yaml', ['top.yaml']],
    ['**/*.yaml', ['.hidden/h.yaml', 'a/link.yaml', 'a/one.yaml', 'skip/s.yaml', 'top.yaml']],
  ])('%s', async (pattern, expected) => {
    expect(await discover([pattern])).toEqual(expected);
  });

  it('a glob starting with ./ or ../', async () => {
    expect(await discover(['./a/*.yaml'])).toEqual(['a/link.yaml', 'a/one.yaml']);
    expect(await discover(['../a/b/*.yml'], [], join(root, 'skip'))).toEqual(['a/b/two.yml']);
  });

  it('an absolute glob', async () => {
    expect(await discover([`${root}/a/*.yaml`])).toEqual(['a/link.yaml', 'a/one.yaml']);
  });

  it('a glob matching nothing throws InputError', async () => {
    await expect(discoverFiles(['**/*.yanl'], { cwd: root, ignore: [] })).rejects.toThrow(new InputError('No files match the pattern "**/*.yanl".'));
    await expect(discoverFiles(['nowhere/*.yaml'], { cwd: root, ignore: [] })).rejects.toBeInstanceOf(InputError);
  });

  it('a glob whose every match is ignored throws InputError', async () => {
    await expect(discoverFiles(['skip/*.yaml'], { cwd: root, ignore: [{ baseDir: root, patterns: ['skip'] }] })).rejects.toBeInstanceOf(InputError);
  });
});

describe('ignore patterns (--ignore-pattern, config ignorePatterns)', () => {
  const ignore = (...patterns: string[]): IgnoreSet[] => [{ baseDir: root, patterns }];

  it.each([
    ['a folder name', ['skip'], ['.hidden/h.yaml', 'a/b/three.json', 'a/b/two.yml', 'a/link.yaml', 'a/one.yaml', 'top.yaml']],
    ['a folder with a trailing slash', ['skip/'], ['.hidden/h.yaml', 'a/b/three.json', 'a/b/two.yml', 'a/link.yaml', 'a/one.yaml', 'top.yaml']],
    ['a nested folder', ['a/b'], ['.hidden/h.yaml', 'a/link.yaml', 'a/one.yaml', 'skip/s.yaml', 'top.yaml']],
    ['an extension glob', ['**/*.json'], ['.hidden/h.yaml', 'a/b/two.yml', 'a/link.yaml', 'a/one.yaml', 'skip/s.yaml', 'top.yaml']],
    ['a dot folder', ['.hidden'], ['a/b/three.json', 'a/b/two.yml', 'a/link.yaml', 'a/one.yaml', 'skip/s.yaml', 'top.yaml']],
    ['several patterns', ['skip', 'a', '.hidden'], ['top.yaml']],
  ])('%s', async (_name, patterns, expected) => {
    expect(await discover(['.'], ignore(...patterns))).toEqual(expected);
  });

  it('patterns are relative to their own folder (a config file in a subfolder)', async () => {
    const sets: IgnoreSet[] = [{ baseDir: join(root, 'a'), patterns: ['b'] }];
    expect(await discover(['.'], sets)).toEqual(['.hidden/h.yaml', 'a/link.yaml', 'a/one.yaml', 'skip/s.yaml', 'top.yaml']);
  });

  it('patterns do not reach outside their folder', async () => {
    const sets: IgnoreSet[] = [{ baseDir: join(root, 'a'), patterns: ['**/*.yaml'] }];
    expect(await discover(['.'], sets)).toEqual(['.hidden/h.yaml', 'a/b/three.json', 'a/b/two.yml', 'skip/s.yaml', 'top.yaml']);
  });

  it('an ignored file named explicitly is skipped', async () => {
    expect(await discover(['a/one.yaml', 'top.yaml'], ignore('a/one.yaml'))).toEqual(['top.yaml']);
  });

  it('command-line and config sets combine', async () => {
    const sets: IgnoreSet[] = [
      { baseDir: root, patterns: ['skip'] },
      { baseDir: join(root, 'a'), patterns: ['*.yaml'] },
    ];
    expect(await discover(['.'], sets)).toEqual(['.hidden/h.yaml', 'a/b/three.json', 'a/b/two.yml', 'top.yaml']);
  });
});

describe('missing paths', () => {
  it('a path that does not exist throws InputError naming it', async () => {
    await expect(discoverFiles(['a/none.yaml'], { cwd: root, ignore: [] })).rejects.toThrow(new InputError('No such file or directory: a/none.yaml'));
  });

  it('a broken symlink named explicitly is a missing path', async () => {
    await expect(discoverFiles(['a/dangling.yaml'], { cwd: root, ignore: [] })).rejects.toBeInstanceOf(InputError);
  });

  it('one missing path fails the whole call, even next to existing ones', async () => {
    await expect(discoverFiles(['top.yaml', 'gone'], { cwd: root, ignore: [] })).rejects.toThrow('No such file or directory: gone');
  });
});
