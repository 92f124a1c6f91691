import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { InputError } from './discover.js';
import { decodeSource } from './read.js';
import type { SourceFile } from './types.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A kustomization built to one stream of resources, each carrying kustomize's origin annotation. */
export interface RenderedKustomization {
  /** The rendered stream, named by the kustomization file. */
  readonly source: SourceFile;
  /** An origin annotation's path (`config.kubernetes.io/origin: path: …`) as a path on disk. */
  readonly originPath: (path: string) => string;
}

/** The command that builds a kustomization: `kustomize build`, else `kubectl kustomize`; undefined when neither is on the PATH. */
export function kustomizeCommand(env: NodeJS.ProcessEnv = process.env): [string, ...string[]] | undefined {
  const onPath = (name: string): string | undefined =>
    (env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name))
      .find((file) => {
        try {
          accessSync(file, constants.X_OK);
          return statSync(file).isFile();
        } catch {
          return false;
        }
      });
  const kustomize = onPath('kustomize');
  if (kustomize) return [kustomize, 'build'];
  const kubectl = onPath('kubectl');
  return kubectl ? [kubectl, 'kustomize'] : undefined;
}

/** The named paths split into folders holding a kustomization (to render) and the rest (read as files). */
export function splitKustomizations(paths: readonly string[], cwd: string): { kustomizations: string[]; rest: string[] } {
  const kustomizations: string[] = [];
  const rest: string[] = [];
  for (const path of paths) {
    const dir = resolve(cwd, path);
    const isKustomization = existsSync(dir) && statSync(dir).isDirectory() && KUSTOMIZATION_NAMES.some((name) => existsSync(join(dir, name)));
    (isKustomization ? kustomizations : rest).push(path);
  }
  return { kustomizations, rest };
}

/**
 * Builds the kustomization in `dir` with origin annotations, which say for each resource the file it
 * came from. The user's kustomization is left as it is: a temporary one lists it as its only resource
 * and asks for `buildMetadata: [originAnnotations]` (kustomize wants that folder as a relative path,
 * and then writes origins relative to the temporary folder). Throws an InputError (one line) when no
 * kustomize is on the PATH or the build fails.
 */
export function renderKustomization(dir: string, cwd: string, env: NodeJS.ProcessEnv = process.env): RenderedKustomization {
  const absolute = resolve(cwd, dir);
  const command = kustomizeCommand(env);
  if (!command) throw new InputError(`--kustomize needs \`kustomize\` or \`kubectl\` on the PATH to build ${dir}; neither was found`);
  const wrapper = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-kustomize-'));
  try {
    writeFileSync(join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(relative(wrapper, absolute))}\nbuildMetadata: [originAnnotations]\n`);
    const [program, ...args] = command;
    const text = execFileSync(program, [...args, wrapper], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const name = KUSTOMIZATION_NAMES.map((file) => join(absolute, file)).find((file) => existsSync(file))!;
    return { source: decodeSource(name, Buffer.from(text)), originPath: (path) => resolve(wrapper, path) };
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    // kubectl logs `E1206 04:29:05.799313 23367 run.go:72] "command failed" err="…"`; kustomize prints `Error: …`.
    const last = stderr.trim().split('\n').at(-1) ?? '';
    const reason = (/ err="(.*)"$/.exec(last)?.[1] ?? last.replace(/^Error: /, '')) || (error as Error).message;
    throw new InputError(
      `${command
        .slice(0, 2)
        .map((part) => part.split('/').at(-1))
        .join(' ')} could not build ${dir}: ${reason}`,
    );
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}
