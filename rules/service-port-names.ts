import { defineRule } from '../src/api/types.js';
import { dns1123LabelProblem, toDns1123Label } from '../src/k8s/dns.js';
import { integerField, valueAt } from '../src/k8s/objects.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import { servicePorts } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'service-port-names',
    description: 'Service ports need names when there is more than one, the names must be unique, and each must be a DNS-1123 label.',
    remediation: 'Give every port of a multi-port Service a unique lower-case name such as `http` or `grpc-admin`.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      missingName: 'Port {{port}} has no name, but this Service has {{count}} ports, so each needs one; the API server rejects it. Add a unique name such as `{{suggestion}}`',
      invalidName:
        'Port name "{{name}}" {{problem}}: a Service port name must be a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters); the API server rejects it{{#suggestion}}. Use "{{suggestion}}"{{/suggestion}}',
      duplicateName: 'Port name "{{name}}" is already used by {{other}}; port names must be unique within a Service, and the API server rejects the duplicate. Rename one of them',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const entries = valueAt(service.object, ['spec', 'ports']);
    if (!Array.isArray(entries)) return;
    const requireName = entries.length > 1;
    const seen = new Map<string, string>();
    for (const { value: port, path } of servicePorts(service.object)) {
      const name = port['name'];
      const number = integerField(port, 'port');
      const label = number === undefined ? formatFieldPath(path) : String(number);
      if (name === undefined || name === null || name === '') {
        if (requireName) {
          report({
            messageId: 'missingName',
            at: 'name' in port ? [...path, 'name'] : path,
            data: { port: label, count: entries.length, suggestion: suggestName(port['targetPort'], number) },
          });
        }
        continue;
      }
      // A name that is not a string (`name: 8443`) is the schema rule's finding.
      if (typeof name !== 'string') continue;
      const problem = dns1123LabelProblem(name);
      if (problem !== undefined) {
        const fixed = toDns1123Label(name);
        report({
          messageId: 'invalidName',
          at: [...path, 'name'],
          data: { name, problem, suggestion: fixed },
        });
      }
      const other = seen.get(name);
      if (other !== undefined) {
        report({ messageId: 'duplicateName', at: [...path, 'name'], data: { name, other } });
      } else {
        seen.set(name, formatFieldPath(path));
      }
    }
  },
});

/** A name to propose: a named targetPort says what the port is; otherwise `port-<number>`. */
function suggestName(targetPort: unknown, number: number | undefined): string {
  if (typeof targetPort === 'string' && dns1123LabelProblem(targetPort) === undefined) return targetPort;
  return number === undefined ? 'http' : `port-${number}`;
}
