import { randomBytes } from 'node:crypto';
import { lstat, open, realpath, rename, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { isOutside } from '../util/paths.js';
import { errorReason, fingerprint, fingerprintWhenRead, type Fingerprint } from './read.js';

/** A result that may carry fixed text (ESLint's `LintResult.output`). */
export interface FixedResult {
  readonly filePath: string;
  readonly output?: string;
}

export interface WriteFailure {
  readonly filePath: string;
  readonly message: string;
}

export interface OutputFixesOptions {
  /**
   * Folders (or files) the fixed files must really be in, symbolic links resolved: the linted paths.
   * Without them each file must really be in the folder it was named in.
   */
  readonly roots?: readonly string[];
}

/** Why a fix was not written; nothing of the file was changed. */
class WriteRefused extends Error {}

/**
 * Writes the fixed text of every result that has one (as ESLint's `ESLint.outputFixes`), each file
 * atomically. Returns the files that could not be written; the others are written regardless.
 */
export async function outputFixes(results: readonly FixedResult[], options: OutputFixesOptions = {}): Promise<WriteFailure[]> {
  const failures: WriteFailure[] = [];
  const roots = options.roots === undefined ? undefined : await Promise.all(options.roots.map((root) => realpath(root).catch(() => root)));
  for (const result of results) {
    if (typeof result.output !== 'string') continue;
    try {
      await writeFileAtomically(result.filePath, result.output, { roots: roots ?? [await realpath(dirname(result.filePath))], expected: fingerprintWhenRead(result.filePath) });
    } catch (error) {
      const message = error instanceof WriteRefused ? error.message : `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${errorReason(error)}`;
      failures.push({ filePath: result.filePath, message });
    }
  }
  return failures;
}

interface WriteOptions {
  /** Real folders the file must be in (see OutputFixesOptions). */
  readonly roots?: readonly string[];
  /** The file as it was read: when it changed since, nothing is written. */
  readonly expected?: Fingerprint;
}

/**
 * Replaces a file's content all at once: the text goes to a new file in the same folder, flushed to
 * disk, which then takes the old one's name. A reader sees the old file or the new one, never half
 * of one, and a failure leaves the old file as it was. The file keeps its permission bits, owner and
 * group; a symbolic link keeps pointing at its target, which gets the new text, if the target lies
 * inside `roots`. A file that changed since it was read (`expected`) is not written.
 */
async function writeFileAtomically(path: string, text: string, options: WriteOptions = {}): Promise<void> {
  const target = await realpath(path);
  if (options.roots && !options.roots.some((root) => !isOutside(relative(root, target)))) {
    throw new WriteRefused('it is a symbolic link to a file outside the linted paths; nothing was written');
  }
  const before = await stat(target);
  if (!before.isFile()) throw new WriteRefused('it is not a regular file; nothing was written');
  if (options.expected && changed(options.expected, before)) throw changedSinceRead();
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.k8s-svc-lint.tmp`);
  try {
    const handle = await open(temp, 'wx', before.mode & 0o777);
    try {
      await handle.writeFile(text, 'utf8');
      await keepOwner(handle, before);
      // The creation mode is filtered by the umask (and chown clears set-id bits): set the old file's bits exactly.
      await handle.chmod(before.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Last look before the rename: an edit made while the fixes were computed wins over them.
    const now = await lstat(target);
    if (options.expected ? changed(options.expected, now) : changed(fingerprint(before), now)) throw changedSinceRead();
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function changed(expected: Fingerprint, now: Stats): boolean {
  return (
    !now.isFile() || now.dev !== expected.dev || now.ino !== expected.ino || now.size !== expected.size || now.mtimeMs !== expected.mtimeMs || now.ctimeMs !== expected.ctimeMs
  );
}

function changedSinceRead(): WriteRefused {
  return new WriteRefused('the file changed since it was read; nothing was written (run again)');
}

/** The new file gets the old one's owner and group; when that is not allowed, the fix is not written. */
async function keepOwner(handle: Awaited<ReturnType<typeof open>>, before: Stats): Promise<void> {
  const mine = await handle.stat();
  if (mine.uid === before.uid && mine.gid === before.gid) return;
  try {
    await handle.chown(before.uid, before.gid);
  } catch {
    throw new WriteRefused(`its owner or group (${before.uid}:${before.gid}) could not be kept; nothing was written`);
  }
}
