import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness/checkout.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CHANGELOG = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');

describe('release', () => {
  it('the README pins pre-commit and the Action to this version’s tag', () => {
    const revs = [...README.matchAll(/repo: https:\/\/github\.com\/k8s-svc-lint\/k8s-svc-lint\n\s+rev: (\S+)/g)].map((m) => m[1]);
    const uses = [...README.matchAll(/uses: k8s-svc-lint\/k8s-svc-lint@(\S+)/g)].map((m) => m[1]);
    expect(revs.length).toBeGreaterThanOrEqual(1);
    expect(uses.length).toBeGreaterThanOrEqual(1);
    for (const tag of [...revs, ...uses]) expect(tag).toBe(`v${version}`);
  });

  it('the CHANGELOG has a section for this version', () => {
    expect(CHANGELOG).toMatch(new RegExp(`^## ${version.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('the version tag, where this clone has it, is in the history of what is tested', () => {
    const tag = spawnSync('git', ['rev-parse', '-q', '--verify', `refs/tags/v${version}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
    if (tag.status !== 0) return; // a clone without tags (CI checks out one commit)
    expect(spawnSync('git', ['merge-base', '--is-ancestor', tag.stdout.trim(), 'HEAD'], { cwd: ROOT }).status).toBe(0);
  });
});
