import { defineRule } from '../src/api/types.js';
import { annotationValue, hasAnnotation } from '../src/k8s/metadata.js';

const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
/** Deprecated in favour of TOPOLOGY_MODE; the API server still reads it. */
const TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';

export default defineRule({
  meta: {
    id: 'service-topology-annotations',
    description:
      'The topology-mode annotation and the deprecated topology-aware-hints annotation must agree when a Service has both; topology-aware-hints alone should become topology-mode.',
    remediation: 'Use `service.kubernetes.io/topology-mode` and remove `service.kubernetes.io/topology-aware-hints`, or give both the same value.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      mismatch:
        'The annotation service.kubernetes.io/topology-mode is "{{mode}}", but the deprecated service.kubernetes.io/topology-aware-hints is "{{hints}}"; when both are set they must match, so the API server rejects it. Remove topology-aware-hints (topology-mode replaces it), or give both the same value',
      deprecated:
        'The annotation service.kubernetes.io/topology-aware-hints is deprecated; service.kubernetes.io/topology-mode replaces it. Rename the key to service.kubernetes.io/topology-mode, keeping the value "{{hints}}"',
    },
    warnings: ['deprecated'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    // A non-string value (or annotations that are not a map) is the schema rule's finding.
    const hints = annotationValue(service.object, TOPOLOGY_AWARE_HINTS);
    if (hints === undefined) return;
    const mode = annotationValue(service.object, TOPOLOGY_MODE);
    if (mode !== undefined && mode !== hints) {
      report({ messageId: 'mismatch', at: ['metadata', 'annotations', TOPOLOGY_MODE], data: { mode, hints } });
      return;
    }
    // Both with the same value is a migration in progress: components that read only the old key still work.
    if (!hasAnnotation(service.object, TOPOLOGY_MODE)) {
      report({ messageId: 'deprecated', at: ['metadata', 'annotations', TOPOLOGY_AWARE_HINTS], target: 'key', data: { hints } });
    }
  },
});
