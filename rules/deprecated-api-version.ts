import { defineRule } from '../src/api/types.js';
import { apiVersionFix, REMOVED_API_VERSIONS, removedApiVersion } from '../src/k8s/api-versions.js';

export default defineRule({
  meta: {
    id: 'deprecated-api-version',
    description:
      'Networking objects must use an apiVersion current Kubernetes serves: Ingress and IngressClass v1beta1 (removed in 1.22), NetworkPolicy extensions/v1beta1 (1.16) and EndpointSlice v1beta1 (1.25) are refused.',
    remediation: 'Move the object to its current apiVersion (networking.k8s.io/v1, discovery.k8s.io/v1) and convert the fields that changed.',
    category: 'api',
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      removed:
        '{{kind}} {{apiVersion}} was removed in Kubernetes {{removedIn}}; the API server answers: no matches for kind "{{kind}}" in version "{{apiVersion}}". Use apiVersion: {{replacement}}{{#conversion}}, and {{conversion}}{{/conversion}}',
    },
    kinds: [...new Set(REMOVED_API_VERSIONS.map((entry) => entry.kind))],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { settings, report }) {
    const entry = removedApiVersion(resource.kind, resource.apiVersion, settings.kubernetesVersion.minor);
    if (!entry) return;
    const fix = apiVersionFix(entry, resource.object);
    report({ messageId: 'removed', at: ['apiVersion'], data: { ...entry, conversion: entry.conversion }, ...(fix ? { fix } : {}) });
  },
});
