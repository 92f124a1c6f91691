import { defineRule } from '../src/api/types.js';
import { apiIssues, formatKubernetesVersion, VALIDATED_KINDS } from '../src/apiserver/index.js';
import { formatFieldPath } from '../src/k8s/paths.js';

export default defineRule({
  meta: {
    id: 'api-validation',
    description:
      "An object must pass the API server's create-time validation, after defaulting, as the configured Kubernetes release runs it: object metadata, Service ports, cluster IPs and IP families, selectors and trafficDistribution, Endpoints, EndpointSlices, IngressClasses, StatefulSet names, and the metadata of the other built-in kinds it reads (checks another rule reports are left to it).",
    remediation: 'Change the field named in the message as it says; the API server refuses the whole object otherwise.',
    category: 'api',
    defaultSeverity: 'error',
    messages: {
      rejected: '{{field}} {{reason}}; the API server (Kubernetes {{version}}) rejects this {{kind}}',
      missing: '{{field}} {{reason}}; the API server (Kubernetes {{version}}) rejects this {{kind}} without it',
    },
    kinds: [...VALIDATED_KINDS],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { settings, schemaErrors, report }) {
    // A field the schema rule already reports (a wrong type, a value outside an enum, a required field) is its finding.
    const schemaPaths = new Set(
      (schemaErrors(resource) ?? []).map((error) => JSON.stringify(error.keyword === 'required' ? [...error.path, String(error.params['missingProperty'])] : error.path)),
    );
    const version = formatKubernetesVersion(settings.kubernetesVersion);
    for (const issue of apiIssues(resource, settings.kubernetesVersion)) {
      // Checks with a dedicated rule are reported by it, once.
      if (issue.owner !== undefined || schemaPaths.has(JSON.stringify(issue.path))) continue;
      report({
        messageId: issue.missing ? 'missing' : 'rejected',
        at: issue.path,
        ...(issue.missing || issue.atKey ? { target: 'key' as const } : {}),
        data: { field: formatFieldPath(issue.path), reason: issue.reason, version, kind: resource.kind },
      });
    }
  },
});
