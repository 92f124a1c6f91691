import { defineRule } from '../src/api/types.js';
import type { Resource } from '../src/model/types.js';

export default defineRule({
  meta: {
    id: 'duplicate-resource',
    description:
      'Each resource (kind, namespace, name) should be defined once in what is applied together; at apply the later definition silently replaces the earlier. Separate kustomizations (overlays) are separate apply sets.',
    remediation: 'Remove one of the definitions, or give them different names or namespaces.',
    category: 'resource',
    defaultSeverity: 'warn',
    crossResource: true,
    messages: {
      duplicate: '{{kind}} {{name}} is also defined at {{location}}; at apply this later definition silently replaces that one. Remove one of them or rename it',
    },
    kinds: ['*'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { index, locationOf, report }) {
    if (resource.name === '') return;
    const all = index.findAll(resource.kind, resource.namespace, resource.name);
    // Only definitions applied together collide: separate kustomizations (overlays) are separate apply sets.
    const first = all.find((other) => other !== resource && other.order < resource.order && appliedTogether(other, resource));
    if (first === undefined) return;
    const name = resource.namespace === '' ? resource.name : `${resource.namespace}/${resource.name}`;
    report({ messageId: 'duplicate', at: ['metadata', 'name'], data: { kind: resource.kind, name, location: locationOf(first) } });
  },
});

/**
 * Whether two definitions are applied together: in one kustomize apply set, or (outside
 * kustomizations) in the same file or both in files of no kustomization.
 */
function appliedTogether(a: Resource, b: Resource): boolean {
  if (a.applySets !== undefined && b.applySets !== undefined) {
    for (const set of a.applySets) if (b.applySets.has(set)) return true;
    return false;
  }
  return a.file === b.file || (a.applySets === undefined && b.applySets === undefined);
}
