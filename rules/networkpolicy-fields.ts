import { defineRule, type FieldPath } from '../src/api/types.js';
import { dns1123SubdomainProblem, isStrictSubnet, parseLegacyNetwork } from '../src/k8s/dns.js';
import { DIRECTIONS, policyRules, rulePeers } from '../src/k8s/networkpolicy.js';
import { isObject, valueAt } from '../src/k8s/objects.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import { labelSelectorProblems } from '../src/k8s/selectors.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-fields',
    description:
      "A NetworkPolicy must pass the API server's validation: a DNS-1123 name, valid label selectors, peers that name exactly one kind of source (pods and/or namespaces, or an ipBlock), CIDRs with `except` blocks inside them, and at most two policyTypes.",
    remediation: 'Fix the field named in the message; the API server rejects the whole NetworkPolicy otherwise.',
    category: 'networkpolicy',
    defaultSeverity: 'error',
    messages: {
      name: 'NetworkPolicy name "{{value}}" {{problem}}; it must be a DNS-1123 subdomain, or the API server rejects it',
      selector: '{{field}}: {{problem}}; the API server rejects the policy',
      emptyPeer:
        '{{field}} is an empty peer: it must name a podSelector, a namespaceSelector or an ipBlock; the API server rejects it ("must specify a peer"). To allow every source, leave {{list}} out of the rule instead',
      ipBlockAndSelector: '{{field}} sets ipBlock together with {{other}}; a peer is either an ipBlock or selectors, so the API server rejects it. Split it into two peers',
      cidrEmpty: '{{field}}.cidr is empty; the API server rejects it. Write a CIDR such as 10.0.0.0/16',
      cidrInvalid: '{{field}} "{{value}}" is not a CIDR (address/prefix, such as 10.0.0.0/16 or 2001:db8::/64); the API server rejects it',
      exceptNotSubset: '{{field}} "{{value}}" is not a strict subset of cidr {{cidr}}: an except block must lie inside the cidr with a longer prefix; the API server rejects it',
      tooManyPolicyTypes: 'policyTypes lists {{count}} entries; at most two (Ingress and Egress) are allowed, so the API server rejects it',
    },
    kinds: ['NetworkPolicy'],
    schema: null,
    defaultOptions: {},
  },
  check(policy, { report }) {
    const name = valueAt(policy.object, ['metadata', 'name']);
    // A missing or empty name is the schema rule's finding.
    if (typeof name === 'string' && name !== '') {
      const problem = dns1123SubdomainProblem(name);
      if (problem !== undefined) report({ messageId: 'name', at: ['metadata', 'name'], data: { value: name, problem } });
    }

    const selector = (at: FieldPath): void => {
      for (const problem of labelSelectorProblems(valueAt(policy.object, at))) {
        const path = [...at, ...problem.path];
        report({ messageId: 'selector', at: path, target: problem.target, data: { field: formatFieldPath(path), problem: problem.message } });
      }
    };
    selector(['spec', 'podSelector']);

    for (const direction of DIRECTIONS) {
      for (const rule of policyRules(policy.object, direction)) {
        for (const { value: peer, path } of rulePeers(rule, direction)) {
          const field = formatFieldPath(path);
          const present = (key: string): boolean => peer[key] !== undefined && peer[key] !== null;
          const selectors = ['podSelector', 'namespaceSelector'].filter(present);
          if (selectors.length === 0 && !present('ipBlock')) {
            report({ messageId: 'emptyPeer', at: path, data: { field, list: direction === 'Ingress' ? 'from' : 'to' } });
            continue;
          }
          for (const key of selectors) selector([...path, key]);
          if (!present('ipBlock')) continue;
          if (selectors.length > 0) report({ messageId: 'ipBlockAndSelector', at: [...path, 'ipBlock'], target: 'key', data: { field, other: selectors.join(' and ') } });
          checkIpBlock(peer['ipBlock'], [...path, 'ipBlock'], report);
        }
      }
    }

    const types = valueAt(policy.object, ['spec', 'policyTypes']);
    if (Array.isArray(types) && types.length > 2) report({ messageId: 'tooManyPolicyTypes', at: ['spec', 'policyTypes'], target: 'key', data: { count: types.length } });
  },
});

type Report = (descriptor: { messageId: 'cidrEmpty' | 'cidrInvalid' | 'exceptNotSubset'; at: FieldPath; data: Record<string, string | number> }) => void;

/** The API server's `ValidateIPBlock`: a CIDR (legacy parsing: leading zeros and host bits are accepted), except blocks strictly inside it. */
function checkIpBlock(ipBlock: unknown, at: FieldPath, report: Report): void {
  if (!isObject(ipBlock)) return;
  const field = formatFieldPath(at);
  const cidr = ipBlock['cidr'];
  // A missing cidr or one of the wrong type is the schema rule's finding.
  if (typeof cidr !== 'string') return;
  if (cidr === '') {
    report({ messageId: 'cidrEmpty', at: [...at, 'cidr'], data: { field } });
    return;
  }
  const network = parseLegacyNetwork(cidr);
  if (!network) {
    report({ messageId: 'cidrInvalid', at: [...at, 'cidr'], data: { field: `${field}.cidr`, value: cidr } });
    return;
  }
  const except = ipBlock['except'];
  if (!Array.isArray(except)) return;
  except.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') return;
    const path = [...at, 'except', i];
    const inner = parseLegacyNetwork(entry);
    if (!inner) report({ messageId: 'cidrInvalid', at: path, data: { field: formatFieldPath(path), value: entry } });
    else if (!isStrictSubnet(network, inner)) report({ messageId: 'exceptNotSubset', at: path, data: { field: formatFieldPath(path), value: entry, cidr } });
  });
}
