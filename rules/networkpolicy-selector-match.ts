import { defineRule, type Settings } from '../src/api/types.js';
import { hasNamespaceObjects, namespacesSelectedBy } from '../src/k8s/namespaces.js';
import { DIRECTIONS, podTemplatesSelectedOnce, policyRules, rulePeers } from '../src/k8s/networkpolicy.js';
import { isObject, valueAt } from '../src/k8s/objects.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import { canJudgeReferences, PODS, whyUnjudgeable } from '../src/k8s/references.js';
import { lookupView } from '../src/api/views.js';
import { formatLabelSelector, isEmptyLabelSelector, labelSelectorKey } from '../src/k8s/selectors.js';
import { closestTemplateIn } from '../src/k8s/workloads.js';
import type { ResourceIndex, WorkloadTemplate } from '../src/model/types.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-selector-match',
    description:
      "A NetworkPolicy's podSelector, and the podSelector of each peer in its rules, should select the pods of at least one workload; otherwise the policy or the rule applies to nothing.",
    remediation: 'Make the selector match the pod template labels of the workloads it is meant for (matchLabels and matchExpressions).',
    category: 'networkpolicy',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      noMatch: 'podSelector {{selector}} selects no pod in namespace {{namespace}}, so this policy applies to nothing. Closest: {{workload}}, whose pods {{difference}}',
      noWorkloads: 'podSelector {{selector}} selects no pod: the input holds no workload in namespace {{namespace}} (strictReferences is on)',
      peerNoMatch:
        '{{peer}} podSelector {{selector}} matches no pod in {{namespaces}}, so this rule allows {{direction}} nobody{{#closest}}. Closest: {{closest}}, whose pods {{difference}}{{/closest}}',
      peerNoNamespace: "{{peer}} namespaceSelector {{selector}} matches none of the input's namespaces ({{known}}), so this peer matches nothing (strictReferences is on)",
    },
    kinds: ['NetworkPolicy'],
    schema: null,
    defaultOptions: {},
  },
  check(policy, { index, settings, unjudged, report }) {
    const podSelector = valueAt(policy.object, ['spec', 'podSelector']);
    if (
      isObject(podSelector) &&
      !isEmptyLabelSelector(podSelector) &&
      podTemplatesSelectedOnce(index, policy.namespace, podSelector).length === 0 &&
      canJudgeReferences({ index, settings, unjudged }, PODS, policy.namespace)
    ) {
      const templates = index.podTemplates(policy.namespace);
      const data = { selector: formatLabelSelector(podSelector), namespace: policy.namespace };
      if (templates.length === 0) {
        report({ messageId: 'noWorkloads', at: ['spec', 'podSelector'], target: 'key', data });
      } else {
        const { closest, unmet } = closestTemplateIn(index, [policy.namespace], podSelector)!;
        report({
          messageId: 'noMatch',
          at: ['spec', 'podSelector', ...(unmet[0]?.path ?? [])],
          data: { ...data, workload: `${closest.workload.kind} ${closest.workload.name}`, difference: unmet.map((u) => u.text).join(' and ') },
        });
      }
    }

    for (const direction of DIRECTIONS) {
      for (const rule of policyRules(policy.object, direction)) {
        for (const { value: peer, path } of rulePeers(rule, direction)) {
          const peerName = formatFieldPath(path.slice(1));
          const selector = peer['podSelector'];
          const namespaceSelector = peer['namespaceSelector'];
          const namespaces = peerNamespaces(index, settings.strictReferences, policy.namespace, namespaceSelector);
          if (namespaces === 'none') {
            report({
              messageId: 'peerNoNamespace',
              at: [...path, 'namespaceSelector'],
              target: 'key',
              data: { peer: peerName, selector: formatLabelSelector(namespaceSelector), known: knownNamespaces(index) },
            });
            continue;
          }
          if (namespaces === undefined || !isObject(selector) || isEmptyLabelSelector(selector)) continue;
          // Peers copied into the policy of every namespace (Prometheus from any namespace) are judged once.
          const asked = { settings, namespaces, namespaceSelector, selector };
          const verdict = namespaceSelector === undefined || namespaceSelector === null ? judgePeer(index, asked) : index.view(PEER_VERDICTS)(asked);
          if (verdict.unjudged) unjudged.add(verdict.unjudged.namespace, verdict.unjudged.reason);
          if (!verdict.selectsNothing) continue;
          const near = closestTemplateIn(index, namespaces, selector);
          report({
            messageId: 'peerNoMatch',
            at: [...path, 'podSelector', ...(near?.unmet[0]?.path ?? [])],
            data: {
              peer: peerName,
              selector: formatLabelSelector(selector),
              namespaces: namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${namespaces.join(', ')}`,
              direction: direction === 'Ingress' ? 'traffic from' : 'traffic to',
              closest: near && describe(near.closest),
              difference: near?.unmet.map((u) => u.text).join(' and '),
            },
          });
        }
      }
    }
  },
});

/**
 * The namespaces a peer's podSelector looks in: the policy's own without a namespaceSelector; with
 * one, the input's Namespace objects it selects. Undefined when that cannot be known (no Namespace
 * objects in the input, or it selects none and the input may be partial); `none` when it selects
 * none of them and strictReferences says the input is complete.
 */
function peerNamespaces(index: ResourceIndex, strict: boolean, own: string, namespaceSelector: unknown): readonly string[] | 'none' | undefined {
  if (namespaceSelector === undefined || namespaceSelector === null) return [own];
  if (!isObject(namespaceSelector) || !hasNamespaceObjects(index)) return undefined;
  const selected = namespacesSelectedBy(index, namespaceSelector);
  if (selected.length > 0) return selected;
  return strict ? 'none' : undefined;
}

interface Peer {
  readonly settings: Settings;
  readonly namespaces: readonly string[];
  readonly namespaceSelector: unknown;
  readonly selector: unknown;
}

interface PeerVerdict {
  readonly selectsNothing: boolean;
  /** The first namespace the input does not let us judge, and why (for `--verbose`). */
  readonly unjudged?: { readonly namespace: string; readonly reason: string };
}

/** Whether the peer's podSelector selects no pod in any of the namespaces, all of which the input lets us judge. */
function judgePeer(index: ResourceIndex, { settings, namespaces, selector }: Peer): PeerVerdict {
  if (namespaces.some((ns) => podTemplatesSelectedOnce(index, ns, selector).length > 0)) return { selectsNothing: false };
  for (const namespace of namespaces) {
    const reason = whyUnjudgeable(index, settings, PODS, namespace);
    if (reason !== undefined) return { selectsNothing: false, unjudged: { namespace, reason } };
  }
  return { selectsNothing: true };
}

/** A peer's verdict, once per (namespaceSelector, podSelector) in a run. */
const PEER_VERDICTS = lookupView('NetworkPolicy peer verdicts', (peer: Peer) => [labelSelectorKey(peer.namespaceSelector), labelSelectorKey(peer.selector)], judgePeer);

function knownNamespaces(index: ResourceIndex): string {
  return index
    .ofKind('Namespace')
    .map((ns) => ns.name)
    .join(', ');
}

function describe(template: WorkloadTemplate): string {
  return `${template.workload.kind} ${template.workload.namespace}/${template.workload.name}`;
}
