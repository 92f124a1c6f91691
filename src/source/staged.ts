import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { InputError } from './discover.js';

/** Files that are YAML or JSON but never manifests: package metadata, tool configs, our own config. */
const NOT_MANIFESTS = /(^|\/)(\.k8s-svc-lint\.ya?ml|\.pre-commit-(config|hooks)\.yaml|package(-lock)?\.json|tsconfig(\.[\w-]+)?\.json)$/;
const MANIFEST = /\.(ya?ml|json)$/i;

export interface ChangeSet {
  /** The repository's top folder. */
  readonly root: string;
  /** The changed manifests (added, copied, modified, renamed), absolute. */
  readonly changed: string[];
  /** Every other manifest git tracks: the context for references. */
  readonly unchanged: string[];
}

/**
 * The manifests of a commit being made, as a pre-commit hook sees them: the staged files (all tracked
 * ones when nothing is staged), or, where
 * pre-commit runs on a range (`--from-ref`/`--to-ref`, pre-push: PRE_COMMIT_FROM_REF and
 * PRE_COMMIT_TO_REF), the files changed in it. Read from the working tree, which pre-commit makes
 * equal to the index by stashing unstaged changes first.
 */
export function changeSet(cwd: string, env: Readonly<Record<string, string | undefined>>): ChangeSet {
  const root = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  const from = env['PRE_COMMIT_FROM_REF'];
  const to = env['PRE_COMMIT_TO_REF'];
  const range = from && to ? [`${from}...${to}`] : ['--cached'];
  const changed = manifests(git(root, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', ...range, '--']));
  const tracked = manifests(git(root, ['ls-files', '-z']));
  // pre-commit runs the hook with nothing staged only when asked to check files regardless of the
  // change (`pre-commit run --all-files`, `--files`): then every tracked manifest is linted.
  if (changed.length === 0 && range[0] === '--cached') return { root, changed: tracked.map((file) => join(root, file)), unchanged: [] };
  const changedSet = new Set(changed);
  const unchanged = tracked.filter((file) => !changedSet.has(file));
  return { root, changed: changed.map((file) => join(root, file)), unchanged: unchanged.map((file) => join(root, file)) };
}

function manifests(list: string): string[] {
  return list.split('\0').filter((file) => MANIFEST.test(file) && !NOT_MANIFESTS.test(file));
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new InputError(`--staged reads the change set from git, which failed: ${stderr || (error as Error).message}`);
  }
}
