import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isObject, type PlainObject } from '../util/objects.js';
import { unreadableSource } from './parse.js';
import { readSmallFile } from './read.js';
import type { SourceFile } from './types.js';
import { parseYamlValue } from './yaml-value.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Where one apply set (or several giving it the same namespace) puts a file's objects. */
interface Placement {
  /** The namespace the kustomizations give it; undefined when they set none. */
  readonly namespace: string | undefined;
  /** The top kustomizations (apply sets) that build the file with this namespace. */
  readonly applySets: ReadonlySet<string>;
}

/** What the kustomizations of a source tree say about its files. */
export interface KustomizeLayout {
  /**
   * Where the top kustomizations (those no other kustomization of the tree includes: overlays,
   * variants) put each file they build, one placement per namespace: a base shared by overlays with
   * the namespaces prod and staging is placed in both, as each overlay builds its own copy. A file in
   * no kustomization has none.
   */
  readonly placements: ReadonlyMap<string, readonly Placement[]>;
  /**
   * Files listed as patches (`patches`, `patchesStrategicMerge`, `patchesJson6902`) and never as
   * resources: partial objects merged into others, not objects of their own.
   */
  readonly patchFiles: ReadonlySet<string>;
  /** Kustomizations whose read failed (EACCES...), each a `file-unreadable` finding: the namespace they set is unknown. */
  readonly unreadable: readonly SourceFile[];
}

/** A kustomization as read: its own namespace, the files it lists, and the kustomizations it includes. */
interface Kustomization {
  readonly path: string;
  readonly namespace: string | undefined;
  readonly resources: readonly string[];
  readonly patches: readonly string[];
  readonly includes: readonly string[];
}

/**
 * The layout of the kustomizations among the input files and in the folders holding input files,
 * with those they include. A kustomization with `namespace:` sets it on every namespaced resource of
 * its `resources` (files, and the files of the kustomizations of listed folders, recursively; an
 * outer namespace wins over an inner one, as kustomize applies it last).
 */
export function kustomizeLayout(inputFiles: readonly string[]): KustomizeLayout {
  const found = new Set<string>();
  for (const file of inputFiles) {
    if (KUSTOMIZATION_NAMES.includes(basename(file))) found.add(file);
    const sibling = kustomizationIn(dirname(file));
    if (sibling) found.add(sibling);
  }
  const read = new Map<string, Kustomization | undefined>();
  const unreadable: SourceFile[] = [];
  const load = (path: string): Kustomization | undefined => {
    if (!read.has(path))
      read.set(
        path,
        readKustomization(path, (code) => unreadable.push(unreadableKustomization(path, code))),
      );
    return read.get(path);
  };
  // Every kustomization reachable from those found; the top ones are included by none.
  const included = new Set<string>();
  const pending = [...found];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    for (const inner of load(path)?.includes ?? []) {
      included.add(inner);
      if (!read.has(inner)) pending.push(inner);
    }
  }

  const placements = new Map<string, Map<string | undefined, Set<string>>>();
  const listedAsResource = new Set<string>();
  const patchFiles = new Set<string>();
  for (const [path, kustomization] of read) {
    if (!kustomization) continue;
    for (const file of kustomization.resources) listedAsResource.add(file);
    for (const file of kustomization.patches) patchFiles.add(file);
    if (included.has(path)) continue;
    for (const [file, namespace] of filesOf(path, undefined, load, new Set())) {
      const byNamespace = placements.get(file) ?? new Map<string | undefined, Set<string>>();
      placements.set(file, byNamespace);
      addTo(byNamespace, namespace, path);
    }
  }
  for (const file of listedAsResource) patchFiles.delete(file);
  return {
    // In the order of their first kustomization's path, so that the first placement does not depend on the input order.
    placements: new Map(
      [...placements].map(([file, byNamespace]) => [
        file,
        [...byNamespace].map(([namespace, applySets]) => ({ namespace, applySets })).sort((a, b) => firstOf(a.applySets).localeCompare(firstOf(b.applySets))),
      ]),
    ),
    patchFiles,
    unreadable: unreadable.sort((a, b) => a.path.localeCompare(b.path)),
  };
}

function unreadableKustomization(path: string, code: string): SourceFile {
  return unreadableSource(path, 'file-unreadable', `Cannot read this kustomization (${code}): the namespace it sets and the files it lists were not taken into account`);
}

function firstOf(paths: ReadonlySet<string>): string {
  return [...paths].sort()[0] ?? '';
}

function addTo<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function kustomizationIn(dir: string): string | undefined {
  return KUSTOMIZATION_NAMES.map((name) => join(dir, name)).find((path) => existsSync(path));
}

/** The files a kustomization builds, with the namespace each gets (`outer` overrides its own). */
function filesOf(path: string, outer: string | undefined, load: (path: string) => Kustomization | undefined, visited: Set<string>): [string, string | undefined][] {
  if (visited.has(path)) return [];
  visited.add(path);
  const kustomization = load(path);
  if (!kustomization) return [];
  const namespace = outer ?? kustomization.namespace;
  const files: [string, string | undefined][] = kustomization.resources.map((file) => [file, namespace]);
  for (const inner of kustomization.includes) files.push(...filesOf(inner, namespace, load, visited));
  return files;
}

function readKustomization(path: string, onUnreadable: (code: string) => void): Kustomization | undefined {
  let value: unknown;
  // A FIFO, a device or a link out of its folder is refused without a word; a read that fails is a finding.
  const file = readSmallFile(path, [dirname(path)]);
  if (file.text === undefined) {
    if (file.code !== undefined) onUnreadable(file.code);
    return undefined;
  }
  try {
    value = parseYamlValue(file.text).value;
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const spec = value;
  const base = dirname(path);
  const resources: string[] = [];
  const includes: string[] = [];
  for (const entry of [...asStrings(spec['resources']), ...asStrings(spec['bases']), ...asStrings(spec['components']), ...asStrings(spec['crds'])]) {
    if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('github.com/')) continue; // remote bases are not in the input
    const target = resolve(base, entry);
    const info = statSafe(target);
    if (info?.isFile()) resources.push(target);
    if (info?.isDirectory()) {
      const inner = kustomizationIn(target);
      if (inner) includes.push(inner);
    }
  }
  // A patch is a path, or (patchesStrategicMerge, `patch:`) inline YAML: only existing files count.
  const patches = [...asStrings(spec['patchesStrategicMerge']), ...[...asObjects(spec['patches']), ...asObjects(spec['patchesJson6902'])].flatMap((p) => asStrings([p['path']]))]
    .filter((entry) => !entry.includes('\n'))
    .map((entry) => resolve(base, entry))
    .filter((file) => statSafe(file)?.isFile() === true);
  const own = spec['namespace'];
  return { path, namespace: typeof own === 'string' && own !== '' ? own : undefined, resources, patches, includes };
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function asObjects(value: unknown): PlainObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function statSafe(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
