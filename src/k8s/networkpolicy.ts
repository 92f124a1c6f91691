/**
 * NetworkPolicy semantics as the API server and the network plugins read them: policyTypes defaulting,
 * rules, peers and ports with where they are written. Fields are untrusted: a value of the wrong type
 * reads as absent (the schema rule reports it).
 */
import type { ResourceIndex, WorkloadTemplate } from '../model/types.js';
import { isObject, objectsIn, valueAt, type Located, type PlainObject } from './objects.js';
import { isEmptyLabelSelector, labelSelectorKey } from './selectors.js';
import { podTemplatesSelectedBy } from './workloads.js';
import { lookupView } from '../model/views.js';

export type Direction = 'Ingress' | 'Egress';
export const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

/** `ingress`/`egress`: the spec field holding a direction's rules. */
export function rulesField(direction: Direction): 'ingress' | 'egress' {
  return direction === 'Ingress' ? 'ingress' : 'egress';
}

/** `from`/`to`: the rule field holding a direction's peers. */
export function peersField(direction: Direction): 'from' | 'to' {
  return direction === 'Ingress' ? 'from' : 'to';
}

/** The rules of a direction (`spec.ingress[i]`), object items only. */
export function policyRules(policy: PlainObject, direction: Direction): Located<PlainObject>[] {
  return objectsIn(policy, ['spec', rulesField(direction)]);
}

/** Whether the direction's rule list has at least one entry (of any type). */
export function hasRules(policy: PlainObject, direction: Direction): boolean {
  const rules = valueAt(policy, ['spec', rulesField(direction)]);
  return Array.isArray(rules) && rules.length > 0;
}

/** The policyTypes as written, or undefined when omitted or empty (the API server then defaults them). */
export function explicitPolicyTypes(policy: PlainObject): string[] | undefined {
  const types = valueAt(policy, ['spec', 'policyTypes']);
  if (!Array.isArray(types) || types.length === 0) return undefined;
  return types.filter((t): t is string => typeof t === 'string');
}

/**
 * The directions a policy isolates, after defaulting: `policyTypes` as written, else Ingress, plus
 * Egress when the policy has egress rules (`SetDefaults_NetworkPolicy`).
 */
export function effectivePolicyTypes(policy: PlainObject): ReadonlySet<Direction> {
  const explicit = explicitPolicyTypes(policy);
  if (explicit) return new Set(DIRECTIONS.filter((d) => explicit.includes(d)));
  return new Set<Direction>(hasRules(policy, 'Egress') ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** `spec.podSelector` selects every pod of the namespace (`{}`, or omitted, which is the same). */
export function selectsAllPods(policy: PlainObject): boolean {
  const spec = policy['spec'];
  return isObject(spec) && isEmptyLabelSelector(spec['podSelector']);
}

/** A default deny for the direction: every pod selected, the direction isolated, and no rule to allow anything. */
function deniesAll(policy: PlainObject, direction: Direction): boolean {
  return selectsAllPods(policy) && effectivePolicyTypes(policy).has(direction) && !hasRules(policy, direction);
}

/**
 * The directions a namespace denies by default: those for which one of its NetworkPolicies is a
 * default deny (`deniesAll`). Used by the networkpolicy-default-deny rule and the topology view.
 */
export function defaultDenyDirections(policies: readonly PlainObject[]): Direction[] {
  return DIRECTIONS.filter((direction) => policies.some((policy) => deniesAll(policy, direction)));
}

/**
 * A rule that allows all traffic of its direction: no peers (`from`/`to` missing or empty) and no
 * ports (missing or empty), as `ingress: [{}]` is.
 */
export function allowsEverything(rule: PlainObject, direction: Direction): boolean {
  const empty = (value: unknown): boolean => value === undefined || value === null || (Array.isArray(value) && value.length === 0);
  return empty(rule[peersField(direction)]) && empty(rule['ports']);
}

/** The peers of a rule (`from[k]` or `to[k]`) with their paths inside the policy. */
export function rulePeers(rule: Located<PlainObject>, direction: Direction): Located<PlainObject>[] {
  return objectsIn(rule.value, [peersField(direction)]).map(({ value, path }) => ({ value, path: [...rule.path, ...path] }));
}

/** The ports of a rule (`ports[j]`) with their paths inside the policy. */
export function rulePorts(rule: Located<PlainObject>): Located<PlainObject>[] {
  return objectsIn(rule.value, ['ports']).map(({ value, path }) => ({ value, path: [...rule.path, ...path] }));
}

/**
 * The pod templates a policy's podSelector (its own, or a peer's) selects in a namespace, found once per
 * (namespace, selector) in a run: the policies of a namespace repeat the same few peers (`part-of: web`),
 * and finding them again for every policy costs policies × the pods that carry the label.
 */
export function podTemplatesSelectedOnce(index: ResourceIndex, namespace: string, selector: unknown): readonly WorkloadTemplate[] {
  return index.view(POD_TEMPLATES_SELECTED)({ namespace, selector });
}

const POD_TEMPLATES_SELECTED = lookupView(
  'pod templates a NetworkPolicy selector selects',
  ({ namespace, selector }: { namespace: string; selector: unknown }) => [namespace, labelSelectorKey(selector)],
  (idx, { namespace, selector }) => podTemplatesSelectedBy(idx, namespace, selector),
);
