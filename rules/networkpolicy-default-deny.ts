import { defineRule, reportingOn } from '../src/api/types.js';
import {
  allowsEverything,
  defaultDenyDirections,
  effectivePolicyTypes,
  explicitPolicyTypes,
  policyRules,
  rulesField,
  selectsAllPods,
  type Direction,
} from '../src/k8s/networkpolicy.js';
import { valueAt } from '../src/k8s/objects.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import { podTemplatesSelectedBy, WORKLOAD_KINDS } from '../src/k8s/workloads.js';
import type { Resource, ResourceIndex, WorkloadTemplate } from '../src/model/types.js';
import { view } from '../src/api/views.js';

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export default defineRule({
  meta: {
    id: 'networkpolicy-default-deny',
    description:
      'Every namespace with workloads (or a Namespace object) should have a default-deny NetworkPolicy (`podSelector: {}`, the direction in policyTypes, no rules), so that only traffic an explicit policy allows reaches its pods. Judged where the input holds a NetworkPolicy of the namespace, or everywhere with strictReferences; not reported when a policy of its own isolates every workload of the namespace.',
    remediation: 'Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` (and `Egress` when required) and no rules to the namespace, then allow what each app needs.',
    category: 'networkpolicy',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      missing:
        'Namespace {{namespace}} has no default-deny NetworkPolicy for {{directions}}, so every pod that no policy selects {{effect}}. Add a NetworkPolicy with podSelector: {}, policyTypes: [{{types}}] and no rules, then allow what each app needs',
      notDeny:
        'Namespace {{namespace}} has no default-deny NetworkPolicy for {{directions}}: {{policy}} ({{location}}) selects every pod, but {{reason}}, so every pod that no other policy selects {{effect}}. A default deny has podSelector: {}, policyTypes: [{{types}}] and no rules',
    },
    kinds: [...WORKLOAD_KINDS, 'Namespace'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        policyTypes: {
          type: 'array',
          items: { enum: ['Ingress', 'Egress'] },
          minItems: 1,
          uniqueItems: true,
          description: 'The directions each namespace must deny by default.',
        },
        ignoreNamespaces: {
          type: 'array',
          items: { type: 'string' },
          uniqueItems: true,
          description: 'Namespaces not to judge (the system namespaces by default: a default deny there breaks cluster DNS and add-ons).',
        },
      },
    },
    defaultOptions: { policyTypes: ['Ingress'] as Direction[], ignoreNamespaces: SYSTEM_NAMESPACES },
  },
  check(resource, { index, settings, unjudged, options, locationOf, report: reportAny }) {
    const namespace = resource.kind === 'Namespace' ? resource.name : resource.namespace;
    if (namespace === '' || options.ignoreNamespaces.includes(namespace)) return;
    const first = firstWorkloads(index).get(namespace);
    // Once per namespace: at its first workload, or at the Namespace object when it holds none.
    if (resource.kind === 'Namespace' ? first !== undefined : first !== resource) return;
    // Partial input: the namespace's policies may live in files outside this run (a pre-commit run
    // passes only the changed files), so a namespace is judged only when the input holds at least one
    // of its NetworkPolicies, or when strictReferences says the input is complete.
    if (!canJudgeReferences({ index, settings, unjudged }, ['NetworkPolicy'], namespace)) return;
    const policies = index.ofKindIn('NetworkPolicy', namespace);

    const required = options.policyTypes;
    const denied = defaultDenyDirections(policies.map((policy) => policy.object));
    const missing = required.filter((direction) => !denied.includes(direction));
    if (missing.length === 0) return;
    // Without an all-pods policy, a namespace whose every workload is isolated by a policy of its own
    // (Argo CD, kube-prometheus) leaves no pod open: a default deny would add nothing today.
    if (!policies.some((policy) => selectsAllPods(policy.object)) && missing.every((direction) => everyWorkloadIsolated(index, namespace, policies, direction))) return;
    const at = resource.kind !== 'Namespace' && typeof valueAt(resource.object, ['metadata', 'namespace']) === 'string' ? ['metadata', 'namespace'] : ['metadata', 'name'];
    const report = reportingOn(reportAny, { to: 'default-deny', namespace });
    const data = {
      namespace,
      directions: missing.join(' and '),
      types: missing.join(', '),
      effect: missing.map((d) => (d === 'Ingress' ? 'accepts connections from anywhere' : 'can connect anywhere')).join(' and '),
    };
    for (const policy of policies) {
      if (!selectsAllPods(policy.object)) continue;
      const reason = whyNotDeny(policy, missing);
      if (reason === undefined) continue;
      report({ messageId: 'notDeny', at, data: { ...data, policy: `NetworkPolicy ${policy.name}`, location: locationOf(policy), reason } });
      return;
    }
    report({ messageId: 'missing', at, data });
  },
});

/** Whether the namespace has workloads, and a policy isolating the direction selects the pods of each. */
function everyWorkloadIsolated(index: ResourceIndex, namespace: string, policies: readonly Resource[], direction: Direction): boolean {
  const templates = index.podTemplates(namespace);
  if (templates.length === 0) return false;
  const isolated = new Set<WorkloadTemplate>();
  for (const policy of policies) {
    if (!effectivePolicyTypes(policy.object).has(direction)) continue;
    for (const template of podTemplatesSelectedBy(index, namespace, valueAt(policy.object, ['spec', 'podSelector']))) isolated.add(template);
  }
  return templates.every((template) => isolated.has(template));
}

/** The first workload of each namespace, in input order. */
function firstWorkloads(index: ResourceIndex): ReadonlyMap<string, Resource> {
  return index.view(FIRST_WORKLOAD_BY_NAMESPACE);
}

const FIRST_WORKLOAD_BY_NAMESPACE = view('first workload by namespace', (idx) => {
  const kinds = new Set(WORKLOAD_KINDS);
  const first = new Map<string, Resource>();
  for (const resource of idx.all) if (kinds.has(resource.kind) && !resource.copy && !first.has(resource.namespace)) first.set(resource.namespace, resource);
  return first;
});

/** Why a policy selecting every pod does not deny one of the directions, in words. */
function whyNotDeny(policy: Resource, directions: readonly Direction[]): string | undefined {
  const types = effectivePolicyTypes(policy.object);
  for (const direction of directions) {
    if (!types.has(direction)) {
      const explicit = explicitPolicyTypes(policy.object);
      return explicit
        ? `its policyTypes [${explicit.join(', ')}] do not include ${direction}`
        : `it has no policyTypes, which defaults to [${[...types].join(', ')}] without ${direction}`;
    }
    const rules = policyRules(policy.object, direction);
    const field = rulesField(direction);
    const open = rules.findIndex(({ value }) => allowsEverything(value, direction));
    if (open >= 0) return `its rule ${field}[${open}] is empty and allows all traffic`;
    if (rules.length > 0) return `it has ${field} rules, which allow what they list (a default deny has none)`;
  }
  return undefined;
}
