import { defineRule } from '../src/api/types.js';
import { integerField } from '../src/k8s/objects.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import { servicePorts } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-port-duplicate',
    description: 'Two ports of a Service must not share the same port number and protocol.',
    remediation: 'Remove the repeated entry, or give it another port number or protocol.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      duplicate:
        'Port {{port}}/{{protocol}}{{#defaulted}} (no protocol, so TCP){{/defaulted}} is already defined by {{other}}; each port and protocol pair may appear once in a Service, and the API server rejects the duplicate. Remove this entry or change its port or protocol',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const seen = new Map<string, string>();
    for (const { value: port, path } of servicePorts(service.object)) {
      const number = integerField(port, 'port');
      const protocol = port['protocol'];
      // A missing port or a protocol that is not a string is the schema rule's finding.
      if (number === undefined || (protocol !== undefined && protocol !== null && typeof protocol !== 'string')) continue;
      // The API server compares after defaulting: no protocol (or an empty one) is TCP.
      const effective = typeof protocol === 'string' && protocol !== '' ? protocol : 'TCP';
      const key = `${effective}/${number}`;
      const name = typeof port['name'] === 'string' && port['name'] !== '' ? ` (${port['name']})` : '';
      const other = seen.get(key);
      if (other === undefined) {
        seen.set(key, `${formatFieldPath(path)}${name}`);
        continue;
      }
      report({
        messageId: 'duplicate',
        at: [...path, 'port'],
        data: { port: number, protocol: effective, defaulted: effective !== protocol, other },
      });
    }
  },
});
