import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readSmallFile } from './read.js';
import { parseYamlValue } from './yaml-value.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The namespaces that kustomizations give the files they list. A kustomization with `namespace:`
 * sets it on every namespaced resource of its `resources` (files, and the files of the
 * kustomizations of listed folders, recursively; an outer namespace wins over an inner one, as
 * kustomize applies it last). The kustomizations looked at are those among the input files and in
 * the folders holding input files. A file claimed with two different namespaces (a base shared by
 * two overlays) gets none: which one applies depends on what is built.
 */
export function kustomizeNamespaces(inputFiles: readonly string[]): Map<string, string> {
  const kustomizations = new Set<string>();
  for (const file of inputFiles) {
    if (KUSTOMIZATION_NAMES.includes(basename(file))) kustomizations.add(file);
    const sibling = kustomizationIn(dirname(file));
    if (sibling) kustomizations.add(sibling);
  }
  const claims = new Map<string, Set<string>>();
  for (const kustomization of kustomizations) {
    for (const [file, namespace] of listedFiles(kustomization, undefined, new Set())) {
      let set = claims.get(file);
      if (!set) claims.set(file, (set = new Set()));
      set.add(namespace);
    }
  }
  const namespaces = new Map<string, string>();
  for (const [file, set] of claims) if (set.size === 1) namespaces.set(file, [...set][0]!);
  return namespaces;
}

function kustomizationIn(dir: string): string | undefined {
  return KUSTOMIZATION_NAMES.map((name) => join(dir, name)).find((path) => existsSync(path));
}

/** The files a kustomization lists, with the namespace each gets (`outer` overrides its own). */
function listedFiles(path: string, outer: string | undefined, visited: Set<string>): [string, string][] {
  if (visited.has(path)) return [];
  visited.add(path);
  let value: unknown;
  // A FIFO, a device or a link out of its folder is not read (readSmallFile says why; nothing to report here).
  const file = readSmallFile(path, [dirname(path)]);
  if (file.text === undefined) return [];
  try {
    value = parseYamlValue(file.text).value;
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const spec = value as Record<string, unknown>;
  const own = typeof spec['namespace'] === 'string' && spec['namespace'] !== '' ? spec['namespace'] : undefined;
  const namespace = outer ?? own;
  const entries = [...asStrings(spec['resources']), ...asStrings(spec['bases'])];
  const listed: [string, string][] = [];
  for (const entry of entries) {
    if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('github.com/')) continue; // remote bases are not in the input
    const target = resolve(dirname(path), entry);
    const info = statSafe(target);
    if (info?.isFile() && namespace !== undefined) listed.push([target, namespace]);
    if (info?.isDirectory()) {
      const inner = kustomizationIn(target);
      if (inner) listed.push(...listedFiles(inner, namespace, visited));
    }
  }
  return listed;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function statSafe(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
