import { defineRule } from '../src/api/types.js';
import { ianaServiceNameProblem } from '../src/k8s/dns.js';
import { DIRECTIONS, podTemplatesSelectedOnce, policyRules, rulePeers, rulePorts, type Direction } from '../src/k8s/networkpolicy.js';
import { integerField, isObject, valueAt, type Located, type PlainObject } from '../src/k8s/objects.js';
import { containerPorts, describePorts } from '../src/k8s/ports.js';
import { canJudgeReferences, PODS } from '../src/k8s/references.js';
import { podsMatchSelector } from '../src/k8s/pod-sources.js';
import { isEmptyLabelSelector, labelSelectorKey } from '../src/k8s/selectors.js';
import { portProtocol } from '../src/k8s/service.js';
import type { Resource, ResourceIndex, WorkloadTemplate } from '../src/model/types.js';
import type { RuleContext } from '../src/api/types.js';
import { closestMatch } from '../src/util/suggest.js';
import { lookupView, view } from '../src/api/views.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
/** Application protocols written where the transport protocol goes: they all run over TCP. */
const APPLICATION_PROTOCOL = /^(?:https?|http2|h2c?|grpcs?|wss?|tls)$/i;

type Messages =
  | 'protocolInvalid'
  | 'portOutOfRange'
  | 'portQuotedNumber'
  | 'portInvalidName'
  | 'endPortBelowPort'
  | 'endPortOutOfRange'
  | 'endPortNamed'
  | 'endPortWithoutPort'
  | 'namedPortMissing';

export default defineRule({
  meta: {
    id: 'networkpolicy-ports',
    description:
      'NetworkPolicy ports must be valid: a protocol of TCP, UDP or SCTP, a port number 1-65535 or a port name, and an endPort only after a numeric port and not below it. A named port should be declared by the pods it points at.',
    remediation: 'Fix the port entry as the message says: the API server rejects the policy otherwise, and a named port nobody declares allows nothing.',
    category: 'networkpolicy',
    defaultSeverity: 'error',
    crossResource: true,
    fixable: true,
    messages: {
      protocolInvalid:
        'protocol "{{value}}" is not TCP, UDP or SCTP (case-sensitive), so the API server rejects the policy{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      portOutOfRange: 'port {{value}} is not a port number: it must be between 1 and 65535; the API server rejects the policy',
      portQuotedNumber:
        'port "{{value}}" is a string, so Kubernetes reads it as a port name, and a port name must contain a letter; the API server rejects the policy. Write port: {{value}} without quotes',
      portInvalidName: 'port "{{value}}" is not a valid port name: it {{problem}}; the API server rejects the policy',
      endPortBelowPort: 'endPort {{endPort}} is below port {{port}}; the range must run upwards (endPort >= port), or the API server rejects the policy',
      endPortOutOfRange: 'endPort {{endPort}} is not a port number: it must be between 1 and 65535; the API server rejects the policy',
      endPortNamed: 'endPort cannot follow a named port ("{{port}}"): a range needs a numeric port; the API server rejects the policy. Use a port number, or drop endPort',
      endPortWithoutPort: 'endPort {{endPort}} is set without a port; the API server rejects the policy. Add port: <first port of the range>',
      namedPortMissing:
        'port "{{value}}" ({{protocol}}) is not a port name the {{target}} declare for {{protocol}} ({{workloads}}: {{declared}}), so this entry matches no port and allows nothing{{#otherProtocols}}; "{{value}}" is declared for {{otherProtocols}} only: set protocol: {{otherProtocol}}{{/otherProtocols}}{{^otherProtocols}}{{#suggestion}}; did you mean "{{suggestion}}"?{{/suggestion}}{{/otherProtocols}}',
    },
    warnings: ['namedPortMissing'],
    kinds: ['NetworkPolicy'],
    schema: null,
    defaultOptions: {},
  },
  check(policy, context) {
    const { report } = context;
    for (const direction of DIRECTIONS) {
      for (const rule of policyRules(policy.object, direction)) {
        for (const { value: port, path } of rulePorts(rule)) {
          const protocol = port['protocol'];
          if (typeof protocol === 'string' && !PROTOCOLS.includes(protocol)) {
            // Only a difference of letter case (`tcp`) is fixed.
            const fix = PROTOCOLS.includes(protocol.toUpperCase()) ? [{ op: 'set' as const, at: [...path, 'protocol'], value: protocol.toUpperCase() }] : undefined;
            report({
              messageId: 'protocolInvalid',
              at: [...path, 'protocol'],
              data: { value: protocol, suggestion: APPLICATION_PROTOCOL.test(protocol) ? 'TCP' : closestMatch(protocol, PROTOCOLS) },
              ...(fix ? { fix } : {}),
            });
          }
          const value = port['port'];
          const endPort = integerField(port, 'endPort');
          if (typeof value === 'number' && Number.isInteger(value)) {
            if (value < 1 || value > 65535) report({ messageId: 'portOutOfRange', at: [...path, 'port'], data: { value } });
            if (endPort !== undefined) {
              if (endPort < 1 || endPort > 65535) report({ messageId: 'endPortOutOfRange', at: [...path, 'endPort'], data: { endPort } });
              else if (endPort < value) report({ messageId: 'endPortBelowPort', at: [...path, 'endPort'], data: { endPort, port: value } });
            }
          } else if (typeof value === 'string') {
            const problem = ianaServiceNameProblem(value);
            if (problem !== undefined) {
              const quoted = /^\d+$/.test(value);
              // A quoted port number in range: the quotes go (the API server refused the policy).
              const fix = quoted && /^[1-9]\d{0,4}$/.test(value) && Number(value) <= 65535 ? [{ op: 'set' as const, at: [...path, 'port'], value: Number(value) }] : undefined;
              report({ messageId: quoted ? 'portQuotedNumber' : 'portInvalidName', at: [...path, 'port'], data: { value, problem }, ...(fix ? { fix } : {}) });
            } else {
              checkNamedPort(policy, direction, rule, { value: port, path }, value, context);
            }
            if (endPort !== undefined) report({ messageId: 'endPortNamed', at: [...path, 'endPort'], data: { port: value } });
          } else if ((value === undefined || value === null) && endPort !== undefined) {
            report({ messageId: 'endPortWithoutPort', at: [...path, 'endPort'], data: { endPort } });
          }
        }
      }
    }
  },
});

/**
 * A named port resolves on the destination pods: the selected pods for an ingress rule, the `to` peers'
 * pods for an egress rule. Judged only when those pods are known: peers that are podSelectors in the
 * policy's namespace, whose workloads the input holds. The templates declaring each port name are
 * indexed once per run, so a port that resolves costs a lookup, not a scan of the namespace.
 */
function checkNamedPort(
  policy: Resource,
  direction: Direction,
  rule: Located<PlainObject>,
  port: Located<PlainObject>,
  name: string,
  { index, settings, unjudged, report }: RuleContext<Messages, Record<string, never>>,
): void {
  if (!canJudgeReferences({ index, settings, unjudged }, PODS, policy.namespace)) return;
  let selectors: unknown[];
  let target: string;
  if (direction === 'Ingress') {
    selectors = [valueAt(policy.object, ['spec', 'podSelector']) ?? {}];
    target = 'pods this policy selects';
  } else {
    const peers = rulePeers(rule, direction);
    // Any destination, an address block or another namespace: the pods behind it are not known.
    if (peers.length === 0 || peers.some(({ value }) => value['ipBlock'] !== undefined || value['namespaceSelector'] !== undefined || !isObject(value['podSelector']))) return;
    selectors = peers.map(({ value }) => value['podSelector']);
    target = 'destination pods of this rule';
  }
  const protocol = portProtocol(port.value);
  const resolves = (selector: unknown): boolean => index.view(PORT_RESOLVES)({ namespace: policy.namespace, name, protocol, selector });
  if (selectors.some(resolves)) return;

  // A miss: name the selected pods (a bounded sample) and what they declare.
  const selected = [
    ...new Set(
      selectors.flatMap((selector) =>
        isEmptyLabelSelector(selector) ? index.podTemplates(policy.namespace).slice(0, SAMPLE) : podTemplatesSelectedOnce(index, policy.namespace, selector).slice(0, SAMPLE),
      ),
    ),
  ].slice(0, SAMPLE);
  if (selected.length === 0) return; // selects no pod: networkpolicy-selector-match says so
  if (selected.some(({ template }) => !template.containersKnown)) return; // an operator's pods: their ports are not in the input
  const declared = selected.flatMap(({ template }) => containerPorts(template));
  const otherProtocols = [...new Set(declared.filter((p) => p.name === name).map((p) => p.protocol))];
  const names = declared.flatMap((p) => (p.name === undefined ? [] : [p.name]));
  const workloads = [...new Set(selected.map(({ workload }) => `${workload.kind} ${workload.name}`))];
  report({
    messageId: 'namedPortMissing',
    at: [...port.path, 'port'],
    data: {
      value: name,
      protocol,
      target,
      workloads: workloads.length > 5 ? `${workloads.slice(0, 5).join(', ')} and others` : workloads.join(', '),
      declared: describePorts(declared.length > 12 ? declared.slice(0, 12) : declared) + (declared.length > 12 ? ', ...' : ''),
      otherProtocols: otherProtocols.length > 0 ? otherProtocols.join(' and ') : undefined,
      otherProtocol: otherProtocols[0],
      suggestion: closestMatch(name, names),
    },
  });
}

/** How many selected pod templates a miss is explained with. */
const SAMPLE = 20;

/**
 * The named ports of the input's pod templates, built once per run: `namespace, name, protocol` → the
 * templates declaring it, and each template's `name, protocol` pairs.
 */
function namedPortIndex(index: ResourceIndex): {
  readonly byName: ReadonlyMap<string, readonly WorkloadTemplate[]>;
  readonly byTemplate: ReadonlyMap<WorkloadTemplate, ReadonlySet<string>>;
} {
  return index.view(NETWORKPOLICY_NAMED_PORTS);
}

const NETWORKPOLICY_NAMED_PORTS = view('networkpolicy named ports', (idx) => {
  const byName = new Map<string, WorkloadTemplate[]>();
  const byTemplate = new Map<WorkloadTemplate, Set<string>>();
  for (const namespace of new Set(idx.all.map((r) => r.namespace))) {
    for (const template of idx.podTemplates(namespace)) {
      const names = new Set<string>();
      for (const declared of containerPorts(template.template)) if (declared.name !== undefined) names.add(`${declared.name}\u0000${declared.protocol}`);
      byTemplate.set(template, names);
      for (const name of names) {
        const key = `${namespace}\u0000${name}`;
        const list = byName.get(key);
        if (list) list.push(template);
        else byName.set(key, [template]);
      }
    }
  }
  return { byName, byTemplate };
});

/**
 * Whether a selector picks a pod declaring the named port, from the smaller side: the templates
 * declaring the port, or the ones the selector picks; once per (namespace, port, selector), as
 * policies repeat their peers.
 */
const PORT_RESOLVES = lookupView(
  'networkpolicy named port resolves',
  (q: { namespace: string; name: string; protocol: string; selector: unknown }) => [q.namespace, q.name, q.protocol, labelSelectorKey(q.selector)],
  (idx, { namespace, name, protocol, selector }): boolean => {
    const ports = namedPortIndex(idx);
    const key = `${name}\u0000${protocol}`;
    const declaring = ports.byName.get(`${namespace}\u0000${key}`) ?? [];
    if (declaring.length === 0) return false;
    if (isEmptyLabelSelector(selector)) return true;
    const selected = podTemplatesSelectedOnce(idx, namespace, selector);
    if (selected.length <= declaring.length) return selected.some((t) => ports.byTemplate.get(t)?.has(key) ?? false);
    return declaring.some(({ template }) => podsMatchSelector(selector, template));
  },
);
