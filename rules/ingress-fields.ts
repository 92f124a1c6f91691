import { defineRule } from '../src/api/types.js';
import { dns1123SubdomainProblem, ingressHostProblem } from '../src/k8s/dns.js';
import { isV1beta1Ingress } from '../src/k8s/ingress.js';
import { isObject, objectsIn, valueAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'ingress-fields',
    description:
      "An Ingress must pass the API server's validation: a DNS-1123 name, rules or a defaultBackend, DNS host names (a leading `*.` wildcard at most, no IP address, no port) in rules and TLS entries, and valid class and Secret names.",
    remediation: 'Fix the field named in the message; the API server rejects the whole Ingress otherwise.',
    category: 'ingress',
    defaultSeverity: 'error',
    messages: {
      name: 'Ingress name "{{value}}" {{problem}}; it must be a DNS-1123 subdomain, or the API server rejects it',
      noRoutes: 'The Ingress has neither rules nor a defaultBackend; the API server rejects it ("either `defaultBackend` or `rules` must be specified")',
      ruleHost: 'host "{{value}}" {{problem}}; the API server rejects the Ingress',
      tlsHost: 'TLS host "{{value}}" {{problem}}; the API server rejects the Ingress',
      secretName: 'secretName "{{value}}" is not a valid Secret name: it {{problem}}; the API server rejects the Ingress',
      className: 'ingressClassName "{{value}}" is not a valid IngressClass name: it {{problem}}; the API server rejects the Ingress',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { report }) {
    const name = valueAt(ingress.object, ['metadata', 'name']);
    // A missing or empty name is the schema rule's finding.
    if (typeof name === 'string' && name !== '') {
      const problem = dns1123SubdomainProblem(name);
      if (problem !== undefined) report({ messageId: 'name', at: ['metadata', 'name'], data: { value: name, problem } });
    }
    const spec = ingress.object['spec'];
    if (spec !== undefined && spec !== null && !isObject(spec)) return; // the schema rule's finding
    const rules = isObject(spec) ? spec['rules'] : undefined;
    const hasDefault = isObject(spec) && (isObject(spec['defaultBackend']) || (isV1beta1Ingress(ingress.apiVersion) && isObject(spec['backend'])));
    if ((!Array.isArray(rules) || rules.length === 0) && !hasDefault && (rules === undefined || rules === null || Array.isArray(rules))) {
      report({ messageId: 'noRoutes', at: isObject(spec) ? ['spec'] : ['kind'], target: 'key' });
    }
    for (const { value: rule, path } of objectsIn(ingress.object, ['spec', 'rules'])) {
      const host = rule['host'];
      if (typeof host !== 'string' || host === '') continue;
      const problem = ingressHostProblem(host, false);
      if (problem !== undefined) report({ messageId: 'ruleHost', at: [...path, 'host'], data: { value: host, problem } });
    }
    for (const { value: tls, path } of objectsIn(ingress.object, ['spec', 'tls'])) {
      const hosts = tls['hosts'];
      if (Array.isArray(hosts)) {
        hosts.forEach((host: unknown, i) => {
          if (typeof host !== 'string') return;
          const problem = host === '' ? 'is empty' : ingressHostProblem(host, true);
          if (problem !== undefined) report({ messageId: 'tlsHost', at: [...path, 'hosts', i], data: { value: host, problem } });
        });
      }
      const secret = tls['secretName'];
      if (typeof secret === 'string' && secret !== '') {
        const problem = dns1123SubdomainProblem(secret);
        if (problem !== undefined) report({ messageId: 'secretName', at: [...path, 'secretName'], data: { value: secret, problem } });
      }
    }
    const className = isObject(spec) ? spec['ingressClassName'] : undefined;
    if (typeof className === 'string') {
      const problem = dns1123SubdomainProblem(className);
      if (problem !== undefined) report({ messageId: 'className', at: ['spec', 'ingressClassName'], data: { value: className, problem } });
    }
  },
});
