import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The whole command line (program.ts) in one CommonJS file, made by scripts/bundle-cli.mjs. */
export const BUNDLE = join(dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
/** V8's code cache for the bundle, written by the build after a sample run. */
export const CODE_CACHE = `${BUNDLE}.cache`;
/** Set by the build: run as usual, then write the code cache of every function the run compiled. */
export const WRITE_CODE_CACHE = 'K8S_SVC_LINT_WRITE_CODE_CACHE';

/**
 * Runs the bundled command line with V8's code cache, which spares most of the start-up: compiling
 * 2 MB of JavaScript, then each function on its first call. That is about a third of linting one
 * small file, process start to exit. Returns false, having run nothing, when there is no bundle. A
 * cache from another Node version is rejected by V8, and the bundle is then compiled as usual.
 *
 * A compiled script has no `import()` of its own (Node's hook for it is experimental and is lost with a
 * code cache), so the bundle is lent this module's, which resolves from the same folder.
 */
export function startBundle(): boolean {
  if (!existsSync(BUNDLE)) return false;
  const writeCache = process.env[WRITE_CODE_CACHE] === '1';
  const cachedData = writeCache || !existsSync(CODE_CACHE) ? undefined : readFileSync(CODE_CACHE);
  const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  if (writeCache) process.once('exit', () => writeFileSync(CODE_CACHE, script.createCachedData()));
  const module = { exports: {} as { start?: (importer: (specifier: string) => Promise<unknown>) => void } };
  const load = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  load(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  if (typeof module.exports.start !== 'function') return false;
  module.exports.start((specifier) => import(specifier));
  return true;
}
