import type { Settings } from '../api/types.js';
import type { ResourceIndex } from '../model/types.js';

/**
 * Whether a reference into `namespace` can be judged: the input holds at least one object of the
 * referenced kinds there, or the user said the input is complete (`strictReferences`). Otherwise
 * the input is partial (one file, a pre-commit run) and a missing target proves nothing.
 */
export function canJudgeReferences(index: ResourceIndex, settings: Settings, kinds: readonly string[], namespace: string): boolean {
  if (settings.strictReferences) return true;
  const present = index.memo(`kindsPresent:${kinds.join(',')}`, (idx) => {
    const namespaces = new Set<string>();
    for (const kind of kinds) for (const resource of idx.ofKind(kind)) namespaces.add(resource.namespace);
    return namespaces;
  });
  if (present.has(namespace)) return true;
  unjudgedReferences(index).add(`${namespace}\u0000${kinds.join(', ')}`);
  return false;
}

/** What the rules could not judge in this run: `namespace\0kinds` pairs, for `--verbose`. */
export function unjudgedReferences(index: ResourceIndex): Set<string> {
  return index.memo('unjudgedReferences', () => new Set<string>());
}
