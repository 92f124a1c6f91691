import { defineRule } from '../src/api/types.js';

export default defineRule({
  meta: {
    id: 'duplicate-resource',
    description: 'Each resource (kind, namespace, name) should be defined once; at apply the later definition silently replaces the earlier.',
    remediation: 'Remove one of the definitions, or give them different names or namespaces.',
    category: 'resource',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      duplicate:
        '{{kind}} {{name}} is also defined at {{location}}; at apply this later definition silently replaces that one. Remove one of them or rename it',
    },
    kinds: ['*'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { index, locationOf, report }) {
    if (resource.name === '') return;
    const all = index.findAll(resource.kind, resource.namespace, resource.name);
    const first = all[0];
    if (all.length < 2 || first === resource || first === undefined) return;
    const name = resource.namespace === '' ? resource.name : `${resource.namespace}/${resource.name}`;
    report({ messageId: 'duplicate', at: ['metadata', 'name'], data: { kind: resource.kind, name, location: locationOf(first) } });
  },
});
