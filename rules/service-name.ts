import { defineRule } from '../src/api/types.js';
import { dns1035LabelProblem, isDns1123Label, toDns1123Label } from '../src/k8s/dns.js';
import { objectAt } from '../src/k8s/objects.js';

export default defineRule({
  meta: {
    id: 'service-name',
    description: 'A Service name must be a DNS-1035 label: it becomes the DNS name `<name>.<namespace>.svc`.',
    remediation: 'Rename the Service with lower-case letters, digits and hyphens, starting with a letter (at most 63 characters).',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      invalid:
        '{{field}} "{{name}}" {{problem}}: a Service name must be a DNS-1035 label (lower-case letters, digits and \'-\', starting with a letter, ending with a letter or digit, at most 63 characters); the API server rejects it{{#suggestion}}. Use "{{suggestion}}"{{/suggestion}}',
      leadingDigit:
        '{{field}} "{{name}}" starts with a digit: a Service name must be a DNS-1035 label, which starts with a letter, and the API server rejects it. (Kubernetes 1.34 added the RelaxedServiceNameValidation feature gate, off by default, which allows it; do not count on it.) Rename it, e.g. "{{suggestion}}"',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const metadata = objectAt(service.object, ['metadata']);
    if (!metadata) return;
    const name = metadata['name'];
    const generateName = metadata['generateName'];
    // A missing or non-string name is the schema rule's finding.
    if (typeof name === 'string' && name !== '') check(name, 'name', name);
    // generateName is checked as a prefix: the random suffix makes a trailing '-' fine.
    else if ((name === undefined || name === null || name === '') && typeof generateName === 'string' && generateName !== '') {
      check(generateName, 'generateName', generateName.length > 1 ? generateName.replace(/-$/, 'a') : generateName);
    }

    function check(written: string, key: 'name' | 'generateName', tested: string): void {
      const problem = dns1035LabelProblem(tested);
      if (problem === undefined) return;
      const field = `metadata.${key}`;
      if (/^[0-9]/.test(tested) && isDns1123Label(tested)) {
        report({ messageId: 'leadingDigit', at: ['metadata', key], data: { field, name: written, suggestion: `svc-${written}` } });
        return;
      }
      const fixed = toDns1123Label(written);
      const label = fixed === undefined ? undefined : /^[0-9]/.test(fixed) ? `svc-${fixed}` : fixed;
      // A generateName prefix keeps its trailing hyphen before the random suffix.
      const suggestion = label !== undefined && key === 'generateName' && written.endsWith('-') ? `${label}-` : label;
      report({
        messageId: 'invalid',
        at: ['metadata', key],
        data: { field, name: written, problem, suggestion: suggestion !== undefined && suggestion.length <= 63 ? suggestion : undefined },
      });
    }
  },
});
