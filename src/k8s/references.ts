/**
 * Whether the input lets a reference be judged: the one place every reference rule asks before it
 * says that a target does not exist. The rule is written down in docs/partial-input.md.
 */
import { dirname } from 'node:path';
import type { Settings, UnjudgedReferences } from '../api/types.js';
import type { Resource, ResourceIndex } from '../model/types.js';

/**
 * Namespaces the cluster's own add-ons share (DNS, dashboard, metrics, CNI), each installed by its own
 * manifests: an input never holds all of one, even when it runs a workload there.
 */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** A reference to pods (a Service or NetworkPolicy selector), rather than to objects of given kinds. */
export const PODS = 'pods';

export interface JudgeOptions {
  /**
   * The referenced kind is usually absent (a ReferenceGrant): a namespace the input holds is judged
   * even when it has none of them.
   */
  readonly absenceIsNormal?: boolean;
}

/** What `canJudgeReferences` reads: the rule context's index, settings and collector of unjudged references. */
export interface JudgeScope {
  readonly index: ResourceIndex;
  readonly settings: Settings;
  readonly unjudged: UnjudgedReferences;
}

/**
 * Whether a reference into `namespace` to objects of `kinds` (or to `PODS`) can be judged:
 *
 * - `strictReferences` says the input is complete; or
 * - the input holds the namespace, not just an object of it: its Namespace object, or pods of it (a
 *   workload, an object with a pod template, a catalogued operator's resource); and
 * - it holds at least one object of the referenced kinds there (unless their absence is normal); and
 * - for pods: the namespace has pod sources, and no custom resource that may make pods unseen.
 *
 * Cluster-scoped kinds (`namespace` `''`) are judged when the input holds any of them. When a
 * reference cannot be judged, why is added to the scope's `unjudged` collector for `--verbose`.
 */
export function canJudgeReferences(scope: JudgeScope, kinds: readonly string[] | typeof PODS, namespace: string, options: JudgeOptions = {}): boolean {
  const reason = whyUnjudgeable(scope.index, scope.settings, kinds, namespace, options);
  if (reason === undefined) return true;
  scope.unjudged.add(namespace, reason);
  return false;
}

/** Why a reference into `namespace` cannot be judged (see `canJudgeReferences`), or undefined when it can; a pure query. */
export function whyUnjudgeable(
  index: ResourceIndex,
  settings: Settings,
  kinds: readonly string[] | typeof PODS,
  namespace: string,
  options: JudgeOptions = {},
): string | undefined {
  return settings.strictReferences ? undefined : whyNotJudgeable(index, kinds, namespace, options);
}

function whyNotJudgeable(index: ResourceIndex, kinds: readonly string[] | typeof PODS, namespace: string, options: JudgeOptions): string | undefined {
  if (kinds === PODS) {
    if (index.podTemplates(namespace).length === 0) return 'the input holds no workload (no pod source) of this namespace, so Service and NetworkPolicy selectors into it';
    const opaque = index.opaqueResources(namespace);
    if (opaque.length > 0) {
      const shown =
        opaque
          .slice(0, 3)
          .map((r) => `${r.kind} ${r.name}`)
          .join(', ') + (opaque.length > 3 ? ` and ${opaque.length - 3} more` : '');
      return `it holds custom resources that may make pods the tool cannot see (${shown}; declare them under \`podSources\` in the config), so selectors matching no known pod`;
    }
    return undefined;
  }
  const present = kinds.some((kind) => index.ofKindIn(kind, namespace).length > 0);
  if (namespace === '') return present ? undefined : `the input holds no ${kinds.join(', ')}, so references to them`;
  if (SYSTEM_NAMESPACES.has(namespace))
    return `it is a namespace of the cluster's own add-ons, installed apart from any one set of manifests, so references to ${kinds.join(', ')} in it`;
  if (!holdsNamespace(index, namespace)) return `the input holds neither its Namespace object nor any of its workloads, so references to ${kinds.join(', ')} in it`;
  if (!present && !options.absenceIsNormal) return `the input holds no ${kinds.join(', ')} of it, so references to them`;
  return undefined;
}

/**
 * The definition of a referenced object that `from` is judged against. When the input defines it more
 * than once (alternative examples side by side in one tree; `duplicate-resource` reports that), the one
 * in the referrer's own file, else in its folder, which is what applying that file or folder uses;
 * otherwise the one that wins at apply.
 */
export function findReferenced(index: ResourceIndex, from: Resource, kind: string, namespace: string, name: string): Resource | undefined {
  const all = index.findAll(kind, namespace, name);
  if (all.length > 1) {
    const folder = dirname(from.file.path);
    const near = all.filter((r) => r.file === from.file).at(-1) ?? all.filter((r) => dirname(r.file.path) === folder).at(-1);
    if (near) return near;
  }
  return all.at(-1);
}

/** Whether the input plausibly holds a whole namespace: its Namespace object, or pods of its own. */
function holdsNamespace(index: ResourceIndex, namespace: string): boolean {
  return index.find('Namespace', '', namespace) !== undefined || index.podTemplates(namespace).length > 0;
}
