import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The whole command line (program.ts) in one CommonJS file, made by scripts/bundle-cli.mjs. */
export const BUNDLE = join(dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
/**
 * V8's code cache for the bundle: the bundle's SHA-256, a newline, the cache. Not shipped in the package
 * (V8 takes a cache only from the Node version and flags that made it): the first run on each machine
 * writes it, and a run whose cache V8 rejects (another Node version) writes it anew. The build writes
 * one from a sample run (WRITE_CODE_CACHE), for this checkout's Node.
 */
export const CODE_CACHE = `${BUNDLE}.cache`;
/** Set by the build: run as usual, then write the code cache of every function the run compiled. */
const WRITE_CODE_CACHE = 'K8S_SVC_LINT_WRITE_CODE_CACHE';

type Start = (importer: (specifier: string) => Promise<unknown>) => void;

/**
 * Runs the bundled command line with V8's code cache, which spares most of the start-up: compiling
 * 2 MB of JavaScript, then each function on its first call. That is about a third of linting one
 * small file, process start to exit. Returns false, having run nothing, when there is no bundle.
 * The cache is used only for the bundle it was made from (V8 itself checks little more than the
 * length of the source), and V8 rejects one made by another Node version; without a usable cache the
 * bundle is compiled as usual.
 *
 * A compiled script has no `import()` of its own (Node's hook for it is experimental and is lost with a
 * code cache), so the bundle is lent this module's, which resolves from the same folder.
 */
export function startBundle(): boolean {
  if (!existsSync(BUNDLE)) return false;
  const bundle = readFileSync(BUNDLE);
  const hash = createHash('sha256').update(bundle).digest('hex');
  const forced = process.env[WRITE_CODE_CACHE] === '1';
  const cachedData = forced ? undefined : codeCacheFor(hash);
  const script = new vm.Script(Module.wrap(bundle.toString('utf8')), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  if (forced || cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCodeCache(hash, script, forced));
  const module = { exports: {} as { start?: Start } };
  const load = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  // Loading only defines the bundle's functions; `start` runs the command.
  load(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  if (typeof module.exports.start !== 'function') return false;
  module.exports.start((specifier) => import(specifier));
  return true;
}

/** The code cache made from the bundle with this hash, or undefined (none, another bundle's, unreadable). */
function codeCacheFor(hash: string): Buffer | undefined {
  try {
    const file = readFileSync(CODE_CACHE);
    const newline = file.indexOf(10);
    return newline > 0 && file.toString('latin1', 0, newline) === hash ? file.subarray(newline + 1) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the code cache of every function this run compiled, next to the bundle: whole (a temporary
 * file renamed into place), so that a concurrent run reads either no cache or a complete one. Only a
 * run that finished normally writes it, and an install that cannot be written (a read-only global
 * install) simply runs without one; the build (`forced`) must get one.
 */
function writeCodeCache(hash: string, script: vm.Script, forced: boolean): void {
  if (!forced && Number(process.exitCode ?? 0) > 1) return;
  const temporary = `${CODE_CACHE}.${process.pid}`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${hash}\n`), script.createCachedData()]));
    renameSync(temporary, CODE_CACHE);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (forced) throw error;
  }
}
