import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A result that may carry fixed text (ESLint's `LintResult.output`). */
export interface FixedResult {
  readonly filePath: string;
  readonly output?: string;
}

export interface WriteFailure {
  readonly filePath: string;
  readonly message: string;
}

/**
 * Writes the fixed text of every result that has one (as ESLint's `ESLint.outputFixes`), each file
 * atomically. Returns the files that could not be written; the others are written regardless.
 */
export async function outputFixes(results: readonly FixedResult[]): Promise<WriteFailure[]> {
  const failures: WriteFailure[] = [];
  for (const result of results) {
    if (typeof result.output !== 'string') continue;
    try {
      await writeFileAtomically(result.filePath, result.output);
    } catch (error) {
      const reason = (error as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
      failures.push({ filePath: result.filePath, message: `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${reason}` });
    }
  }
  return failures;
}

/**
 * Replaces a file's content all at once: the text goes to a new file in the same folder, flushed to
 * disk, which then takes the old one's name. A reader sees the old file or the new one, never half
 * of one, and a failure leaves the old file as it was. The file keeps its permission bits; a symbolic
 * link keeps pointing at its target, which gets the new text.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.k8s-svc-lint.tmp`);
  try {
    const handle = await open(temp, 'wx', mode & 0o777);
    try {
      await handle.writeFile(text, 'utf8');
      // The creation mode is filtered by the umask; set the old file's bits exactly.
      await handle.chmod(mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
