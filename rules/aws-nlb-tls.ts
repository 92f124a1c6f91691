import { defineRule } from '../src/api/types.js';
import { SERVICE_PREFIX } from '../src/k8s/aws/catalogue.js';
import { nlbHandler } from '../src/k8s/aws/nlb.js';
import { splitList } from '../src/k8s/aws/parse.js';
import { annotationValue } from '../src/k8s/metadata.js';
import { integerField, stringField } from '../src/k8s/objects.js';
import { servicePorts } from '../src/k8s/service.js';

const SSL_PORTS = `${SERVICE_PREFIX}aws-load-balancer-ssl-ports`;

export default defineRule({
  meta: {
    id: 'aws-nlb-tls',
    description:
      'Every aws-load-balancer-ssl-ports entry must name a port of the Service, by number or name; the AWS Load Balancer Controller refuses the Service otherwise, and `*` is not a wildcard for it.',
    remediation: 'List the TLS ports by number or name (`443` or `https`), or remove ssl-ports to make every TCP port TLS.',
    category: 'aws',
    defaultSeverity: 'error',
    messages: {
      wildcard:
        '`{{key}}: "*"` is not a wildcard for the AWS Load Balancer Controller (it is only for the in-tree provider): it matches no port and the controller fails with "Unused port in ssl-ports annotation". List the TLS ports ({{ports}}), or remove the annotation to make every TCP port TLS',
      unmatched:
        '`{{key}}` entry "{{entry}}" matches no port of this Service (ports: {{ports}}); the controller fails with "Unused port in ssl-ports annotation". Use a port number or name of spec.ports',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const raw = annotationValue(service.object, SSL_PORTS);
    if (raw === undefined) return;
    // The in-tree provider accepts `*` and ignores entries that match nothing.
    if (nlbHandler(service.object).kind !== 'lbc') return;
    const names = new Set<string>();
    const numbers = new Set<string>();
    const shown: string[] = [];
    for (const { value: port } of servicePorts(service.object)) {
      const number = integerField(port, 'port');
      const name = stringField(port, 'name');
      if (number !== undefined) numbers.add(String(number));
      if (name !== undefined && name !== '') names.add(name);
      if (number !== undefined || name) shown.push(name ? `${number ?? '?'} (${name})` : String(number));
    }
    const ports = shown.join(', ') || 'none';
    const at = ['metadata', 'annotations', SSL_PORTS];
    for (const entry of splitList(raw)) {
      if (names.has(entry) || numbers.has(entry)) continue;
      if (entry === '*') report({ messageId: 'wildcard', at, data: { key: SSL_PORTS, ports } });
      else report({ messageId: 'unmatched', at, data: { key: SSL_PORTS, entry, ports } });
    }
  },
});
