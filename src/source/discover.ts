import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isOutside } from '../util/paths.js';
import { globMatcher } from './glob.js';

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Our own config file is YAML but not a manifest. */
const SKIPPED_FILES = new Set(['.k8s-svc-lint.yaml', '.k8s-svc-lint.yml']);

export class InputError extends Error {}

export interface IgnoreSet {
  /** Folder the patterns are relative to (the config file's folder, or cwd for command-line patterns). */
  readonly baseDir: string;
  readonly patterns: readonly string[];
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** A file or directory matching any of these is skipped. */
  readonly ignore: readonly IgnoreSet[];
}

/**
 * Expands the paths a user named (files, directories, globs) into a sorted list of absolute file
 * paths. A named path that does not exist, or a glob that matches nothing, is an InputError. A folder
 * that cannot be listed is in the list itself, so that reading it reports why (readSourceFile).
 */
export async function discoverFiles(inputs: readonly string[], options: DiscoverOptions): Promise<string[]> {
  const ignored = ignoreMatcher(options.ignore);
  const files = new Set<string>();
  for (const input of inputs) {
    const scan = picomatch.scan(input);
    if (scan.isGlob) {
      const before = files.size;
      const matches = globMatcher([toPosix(input)]);
      const base = resolve(options.cwd, scan.base || '.');
      await walk(base, ignored, new Set(), {
        onFile: (file) => {
          if (matches(toPosix(isAbsolute(input) ? file : relative(options.cwd, file)))) files.add(file);
        },
        onUnlisted: (dir) => files.add(dir),
      });
      if (files.size === before) throw new InputError(`No files match the pattern "${input}".`);
      continue;
    }
    const path = resolve(options.cwd, input);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const reason = info.code === 'ELOOP' ? 'it is a symbolic link loop' : info.code === 'ENOENT' ? undefined : info.message;
      throw new InputError(reason === undefined ? `No such file or directory: ${input}` : `Cannot read ${input}: ${reason}`);
    }
    if (info.isDirectory()) {
      const add = (path: string) => files.add(path);
      await walk(path, ignored, new Set(), { onFile: add, onUnlisted: add });
    } else if (!ignored(path)) {
      files.add(path);
    }
  }
  return [...files].sort();
}

interface WalkVisitor {
  readonly onFile: (path: string) => void;
  /** A folder whose entries could not be read (no permission): its files are unknown. */
  readonly onUnlisted: (dir: string) => void;
}

async function walk(dir: string, ignored: (path: string) => boolean, visited: Set<string>, visitor: WalkVisitor): Promise<void> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined || visited.has(real)) return; // a symlink loop, or a directory seen through another link
  visited.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (entries === undefined) {
    visitor.onUnlisted(dir);
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (ignored(path)) continue;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, ignored, visited, visitor);
    else if (isFile && MANIFEST_EXTENSIONS.test(entry.name) && !SKIPPED_FILES.has(entry.name)) visitor.onFile(path);
  }
}

/** Whether a path is skipped by any of the ignore sets: each set's patterns match relative to its folder, and a pattern `dir` also covers `dir/**`. */
export function ignoreMatcher(sets: readonly IgnoreSet[]): (path: string) => boolean {
  const matchers = sets
    .filter((set) => set.patterns.length > 0)
    .map((set) => {
      const expanded = set.patterns.flatMap((p) => {
        const pattern = p.endsWith('/') ? p.slice(0, -1) : p;
        return [pattern, `${pattern}/**`];
      });
      const isMatch = globMatcher(expanded);
      return (path: string) => {
        const rel = relative(set.baseDir, path);
        return !isOutside(rel) && isMatch(toPosix(rel));
      };
    });
  return (path) => matchers.some((matches) => matches(path));
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
