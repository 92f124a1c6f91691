/** Which policies apply to an object, with which params, and what they find. */
import type { FieldPath } from '../api/types.js';
import { namespaceLabels } from '../k8s/namespaces.js';
import type { Labels } from '../k8s/selectors.js';
import { isObject } from '../k8s/objects.js';
import type { KubeObject, Resource, ResourceIndex } from '../model/types.js';
import { celSelected, celValue, selectionKey } from './cel.js';
import { evaluatePolicy, readsOf, type Activation, type Outcome, type Reads } from './evaluate.js';
import { admissionTarget, knownNamespaceLabels, matchesResources, resourceOfKind, type AdmissionTarget } from './match.js';
import type { Binding, Policy } from './model.js';
import { resolveParams } from './params.js';
import { knownVerdict, paramKey, rememberVerdict } from './verdicts.js';

/** Policies with their bindings: from the input, from config, or one pack rule's. */
export interface PolicySet {
  readonly policies: ReadonlyMap<string, Policy>;
  readonly bindings: readonly Binding[];
}

export interface CheckOptions {
  /** Report bindings whose only action is Audit, as warnings. */
  readonly audit: boolean;
  /** Labels of namespaces the input has no Namespace object for (config `namespaces:`). */
  readonly namespaces: Readonly<Record<string, Labels>>;
  /**
   * How messages are worded: as the API server does (policies from manifests), the message and the
   * policy's name (config policies), or the message alone (pack rules, whose rule id says it).
   */
  readonly wording: 'apiServer' | 'named' | 'plain';
  /** The params every binding gets (a pack rule's options), instead of looking them up through paramRef. */
  readonly params?: unknown;
}

export interface PolicyFinding {
  readonly policy: Policy;
  readonly binding: Binding;
  readonly severity: 'error' | 'warn';
  readonly kind: 'violation' | 'error' | 'param';
  readonly message: string;
  readonly at: FieldPath;
}

/** Where a finding about the object as a whole goes: its name, as for any other rule. */
const OBJECT: FieldPath = ['metadata', 'name'];

/** Every finding of every binding in `set` on one object. */
export function checkObject(resource: Resource, set: PolicySet, index: ResourceIndex, options: CheckOptions): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const result of bindingResults(resource, set, index, options, false)) if (result.findings !== 'skip') findings.push(...result.findings);
  return findings;
}

export interface BindingResult {
  readonly policy: Policy;
  readonly binding: Binding;
  /** `skip`: the binding does not apply to the object (no match, a false matchCondition, no param and Allow). */
  readonly findings: readonly PolicyFinding[] | 'skip';
}

/**
 * What each binding of `set` says about one object; bindings whose policy is missing are left out, and
 * so are those that do not match it unless `withSkips`.
 */
export function bindingResults(resource: Resource, set: PolicySet, index: ResourceIndex, options: CheckOptions, withSkips = true): BindingResult[] {
  const candidates = candidateBindings(set, resource);
  if (candidates.length === 0 && !withSkips) return [];
  const target = admissionTarget(resource.object, resource.namespace, (ns) => knownNamespaceLabels(namespaceLabels(index, ns), options.namespaces[ns], ns));
  const results: BindingResult[] = [];
  const reads = readsOfSet(set);
  // Built once per object, of what the set's expressions read.
  let activation: Omit<Activation, 'params'> | undefined;
  let objectKey: string | undefined | null = null;
  const caseKey = (param: unknown): string | undefined => {
    if (objectKey === null) objectKey = verdictsApply(reads) ? selectionKey(withNamespace(resource.object, target.namespace), reads.object) : undefined;
    const ofParam = objectKey === undefined ? undefined : paramKey(param);
    return ofParam === undefined ? undefined : `${ofParam}\u0000${objectKey}`;
  };
  for (const binding of withSkips ? set.bindings : candidates) {
    const policy = set.policies.get(binding.policyName);
    if (!policy) continue;
    const severity = severityOf(binding, options.audit);
    if (!severity || !appliesTo(policy, binding, target)) {
      results.push({ policy, binding, findings: 'skip' });
      continue;
    }
    const params = options.params !== undefined ? { ok: true as const, params: [options.params] } : resolveParams(policy, binding, resource.namespace, index);
    if (!params.ok) {
      const findings =
        params.deny === undefined
          ? 'skip'
          : [{ policy, binding, severity, kind: 'param' as const, message: worded(params.deny, policy, binding, severity, options.wording), at: OBJECT }];
      results.push({ policy, binding, findings });
      continue;
    }
    const findings: PolicyFinding[] = [];
    let applied = false;
    for (const param of params.params) {
      const key = caseKey(param);
      const known = key === undefined ? undefined : knownVerdict(policy, key);
      if (known === 'skip') continue;
      if (known === 'none') {
        applied = true;
        continue;
      }
      activation ??= activationOf(resource, target, index, reads);
      const outcomes = evaluatePolicy(policy, { ...activation, params: celValue(param) });
      if (key !== undefined && (outcomes === 'skip' || outcomes.length === 0)) rememberVerdict(policy, key, outcomes === 'skip' ? 'skip' : 'none');
      if (outcomes === 'skip') continue;
      applied = true;
      for (const outcome of outcomes) {
        const finding = toFinding(outcome, policy, binding, severity, options.wording);
        if (finding) findings.push(finding);
      }
    }
    results.push({ policy, binding, findings: applied ? findings : 'skip' });
  }
  return results;
}

/**
 * The bindings whose policy's resourceRules name the object's group and resource (or `*`), kept per
 * set, apiVersion and kind, so that an object is compared in full with the few that can match it.
 */
function candidateBindings(set: PolicySet, resource: Resource): readonly Binding[] {
  if (set.bindings.length === 0) return [];
  const object = resource.object;
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  let byApiVersion = candidateCache.get(set);
  if (!byApiVersion) candidateCache.set(set, (byApiVersion = new Map<string, Map<string, readonly Binding[]>>()));
  let byKind = byApiVersion.get(apiVersion);
  if (!byKind) byApiVersion.set(apiVersion, (byKind = new Map<string, readonly Binding[]>()));
  let found = byKind.get(kind);
  if (!found) {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const kindResource = resourceOfKind(kind);
    found = set.bindings.filter((binding) => {
      const rules = set.policies.get(binding.policyName)?.matchConstraints?.resourceRules ?? [];
      return rules.some(
        (rule) => (rule.apiGroups.includes('*') || rule.apiGroups.includes(group)) && rule.resources.some((r) => r.split('/')[0] === '*' || r.split('/')[0] === kindResource),
      );
    });
    byKind.set(kind, found);
  }
  return found;
}

const candidateCache = new WeakMap<PolicySet, Map<string, Map<string, readonly Binding[]>>>();

/**
 * The admission variables for one object, converted for the CEL engine as far as the expressions of
 * the set read them: of the object only the fields they select, and nothing of a variable they never name.
 */
function activationOf(resource: Resource, target: AdmissionTarget, index: ResourceIndex, reads: Reads): Omit<Activation, 'params'> {
  const object = withNamespace(resource.object, target.namespace);
  let whole: { value: unknown } | undefined;
  return {
    object: reads.roots.has('object') ? celSelected(object, reads.object) : null,
    wholeObject: () => (whole ??= { value: celValue(object) }).value,
    namespaceObject: target.namespace === '' || !reads.roots.has('namespaceObject') ? null : celValue(namespaceObjectOf(index, target)),
    request: reads.roots.has('request') ? celValue(requestOf(resource, target)) : null,
  };
}

/** Verdicts are kept by object and param alone: only for expressions that read nothing else that varies. */
function verdictsApply(reads: Reads): boolean {
  return !reads.roots.has('namespaceObject') && !reads.roots.has('request');
}

function readsOfSet(set: PolicySet): Reads {
  let reads = readsCache.get(set);
  if (!reads) readsCache.set(set, (reads = readsOf(set.policies.values())));
  return reads;
}

const readsCache = new WeakMap<PolicySet, Reads>();

/** Whether the policy's matchConstraints and the binding's matchResources both take the object. */
function appliesTo(policy: Policy, binding: Binding, target: AdmissionTarget): boolean {
  if (!policy.matchConstraints || policy.matchConstraints.resourceRules.length === 0) return false;
  if (!matchesResources(policy.matchConstraints, target)) return false;
  return !binding.matchResources || matchesResources(binding.matchResources, target);
}

/** Deny is an error (the object is rejected), Warn a warning; Audit only when asked. */
function severityOf(binding: Binding, audit: boolean): 'error' | 'warn' | undefined {
  if (binding.validationActions.includes('Deny')) return 'error';
  if (binding.validationActions.includes('Warn')) return 'warn';
  if (audit && binding.validationActions.includes('Audit')) return 'warn';
  return undefined;
}

function toFinding(outcome: Outcome, policy: Policy, binding: Binding, severity: 'error' | 'warn', wording: CheckOptions['wording']): PolicyFinding | undefined {
  const word = (message: string): string => worded(message, policy, binding, severity, wording);
  if (outcome.kind === 'violation') return { policy, binding, severity, kind: 'violation', message: word(outcome.message), at: outcome.at };
  // An evaluation error rejects the object only under failurePolicy Fail (the default).
  if (policy.failurePolicy === 'Ignore') return undefined;
  return { policy, binding, severity, kind: 'error', message: word(`expression '${outcome.expression.text}' resulted in error: ${outcome.message}`), at: OBJECT };
}

function worded(message: string, policy: Policy, binding: Binding, severity: 'error' | 'warn', wording: CheckOptions['wording']): string {
  if (wording === 'plain') return message;
  if (wording === 'named') return `${message} (policy ${policy.name})`;
  const who = `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}'`;
  return severity === 'error' ? `${who} denied request: ${message}` : `Validation failed for ${who}: ${message}`;
}

/** The object as the API server sees it: in its namespace, even when the manifest leaves that to kubectl. */
function withNamespace(object: KubeObject, namespace: string): KubeObject {
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  if (namespace === '' || metadata['namespace'] === namespace) return object;
  return { ...object, metadata: { ...metadata, namespace } };
}

/** The input's Namespace object, or the one the API server would hold: its name and the labels known. */
function namespaceObjectOf(index: ResourceIndex, target: AdmissionTarget): unknown {
  const found = index.find('Namespace', '', target.namespace);
  return found?.object ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: target.namespace, labels: target.namespaceLabels } };
}

function requestOf(resource: Resource, target: AdmissionTarget): unknown {
  const kind = typeof resource.object['kind'] === 'string' ? resource.object['kind'] : '';
  return {
    kind: { group: target.group, version: target.version, kind },
    resource: { group: target.group, version: target.version, resource: target.resource },
    requestKind: { group: target.group, version: target.version, kind },
    requestResource: { group: target.group, version: target.version, resource: target.resource },
    name: target.name,
    namespace: target.namespace,
    operation: 'CREATE',
    userInfo: { username: '', groups: [] },
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
}
