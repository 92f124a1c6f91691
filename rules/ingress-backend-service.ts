import { defineRule, reportingOn, type ObjectRef } from '../src/api/types.js';
import { dns1035LabelProblem, dns1123SubdomainProblem } from '../src/k8s/dns.js';
import { ALB_ACTIONS_PREFIX, describeBackendRoute, ingressBackends, ingressBackendSlots, isAlbActionBackend, isV1beta1Ingress } from '../src/k8s/ingress.js';
import { annotationEntries, hasAnnotation } from '../src/k8s/metadata.js';
import { isObject } from '../src/k8s/objects.js';
import { canJudgeReferences } from '../src/k8s/references.js';
import { rolloutAlbActions } from '../src/k8s/argo-rollouts.js';
import { view } from '../src/api/views.js';
import { closestTypo } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-service',
    description:
      "Each Ingress backend (rules and defaultBackend) must be a valid Service or resource reference, and a Service backend must name a Service in the Ingress's namespace.",
    remediation: "Point the backend at a Service of the Ingress's namespace (`service.name` and `service.port`), or create the Service.",
    category: 'ingress',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      missing:
        'Backend Service {{service}} does not exist in namespace {{namespace}}, so the controller has no endpoints for {{route}} and answers 503. {{#suggestion}}Did you mean {{suggestion}}?{{/suggestion}}{{^suggestion}}{{#elsewhere}}A Service {{service}} exists in namespace {{elsewhere}}, but an Ingress routes only to Services of its own namespace: create one here (an ExternalName Service can alias it){{/elsewhere}}{{^elsewhere}}Create the Service or fix the name{{/elsewhere}}{{/suggestion}}',
      v1beta1Fields:
        'networking.k8s.io/v1 has no {{field}}: the v1beta1 backend fields are unknown here, and the API server rejects the Ingress ("unknown field"). Write {{replacement}}',
      empty: 'The backend names neither a service nor a resource; the API server rejects the Ingress ("resource or service backend is required")',
      both: 'The backend sets both service and resource; the API server rejects the Ingress ("cannot set both resource and service backends"). Keep one',
      nameEmpty: 'service.name is empty; the API server rejects the Ingress. Name the backend Service',
      nameInvalid: 'service.name "{{value}}" is not a valid Service name: it {{problem}} (a DNS-1035 label); no such Service can exist, and the API server rejects the Ingress',
      resourceInvalid: 'resource.{{field}} {{problem}}; the API server rejects the Ingress',
      albActionMissing:
        'With port.name use-annotation, service.name {{name}} names the AWS Load Balancer Controller action in annotation {{annotation}}, which this Ingress does not have{{#suggestion}} (it has the action {{suggestion}}: did you mean service.name: {{suggestion}}?){{/suggestion}}; the controller fails to build the rule for {{route}}. Add the annotation, or name a Service and its port',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, settings, unjudged, report: reportAny }) {
    const v1beta1 = isV1beta1Ingress(ingress.apiVersion);
    // The API server's validateIngressBackend: what the backend object itself must look like.
    for (const { value: raw, path } of ingressBackendSlots(ingress.object)) {
      if (!isObject(raw)) continue; // a missing backend or one of the wrong type is the schema rule's finding
      const report = reportingOn(reportAny, { to: 'object', at: path, target: backendTarget(raw, ingress.namespace), problem: 'invalid' });
      const present = (key: string): boolean => raw[key] !== undefined && raw[key] !== null;
      if (!v1beta1 && (present('serviceName') || present('servicePort') || path[1] === 'backend')) {
        const field = path[1] === 'backend' ? 'spec.backend' : present('serviceName') ? 'serviceName' : 'servicePort';
        const replacement = field === 'spec.backend' ? 'spec.defaultBackend instead' : v1Backend(raw['serviceName'], raw['servicePort']);
        report({ messageId: 'v1beta1Fields', at: field === 'spec.backend' ? path : [...path, field], target: 'key', data: { field, replacement } });
        continue;
      }
      if (v1beta1) continue; // removed API: deprecated-api-version reports it; only its references are judged below
      if (present('service') && present('resource')) {
        report({ messageId: 'both', at: [...path, 'resource'], target: 'key' });
        continue;
      }
      if (!present('service') && !present('resource')) {
        report({ messageId: 'empty', at: path, target: 'key' });
        continue;
      }
      const service = raw['service'];
      if (isObject(service) && typeof service['name'] === 'string') {
        const name = service['name'];
        if (name === '') report({ messageId: 'nameEmpty', at: [...path, 'service', 'name'] });
        else {
          const problem = dns1035LabelProblem(name);
          if (problem !== undefined) report({ messageId: 'nameInvalid', at: [...path, 'service', 'name'], data: { value: name, problem } });
        }
      }
      const resource = raw['resource'];
      if (isObject(resource)) {
        for (const field of ['kind', 'name'] as const) {
          const value = resource[field];
          if (typeof value !== 'string') continue; // missing: the schema rule's finding
          const problem = value === '' ? 'is empty' : pathSegmentProblem(value);
          if (problem !== undefined) report({ messageId: 'resourceInvalid', at: [...path, 'resource', field], data: { field, problem } });
        }
        const group = resource['apiGroup'];
        if (typeof group === 'string' && group !== '') {
          const problem = dns1123SubdomainProblem(group);
          if (problem !== undefined) report({ messageId: 'resourceInvalid', at: [...path, 'resource', 'apiGroup'], data: { field: 'apiGroup', problem: `"${group}" ${problem}` } });
        }
      }
    }

    // The references: each Service backend names a Service of the Ingress's namespace.
    for (const { value, path } of ingressBackends(ingress.object)) {
      const backend = value.backend;
      if (backend.kind !== 'service' || backend.serviceName === undefined || backend.serviceName === '') continue;
      if (!v1beta1 && (backend.shape === 'v1beta1' || path[1] === 'backend')) continue; // reported above
      const route = describeBackendRoute(value);
      const target = { kind: 'Service', namespace: ingress.namespace, name: backend.serviceName };
      const report = reportingOn(reportAny, { to: 'object', at: path, target, problem: 'invalid' });
      if (isAlbActionBackend(backend)) {
        const annotation = `${ALB_ACTIONS_PREFIX}${backend.serviceName}`;
        // An Argo Rollout with ALB traffic routing writes this annotation into the Ingress it names.
        if (!hasAnnotation(ingress.object, annotation) && !rolloutAlbActions(index, ingress.namespace, ingress.name).has(backend.serviceName)) {
          const actions = annotationEntries(ingress.object).flatMap((a) => (a.key.startsWith(ALB_ACTIONS_PREFIX) ? [a.key.slice(ALB_ACTIONS_PREFIX.length)] : []));
          report({
            messageId: 'albActionMissing',
            at: backend.namePath,
            data: { name: backend.serviceName, route, annotation, suggestion: closestTypo(backend.serviceName, actions) },
          });
        }
        continue;
      }
      if (index.find('Service', ingress.namespace, backend.serviceName)) continue;
      if (!canJudgeReferences({ index, settings, unjudged }, ['Service'], ingress.namespace)) continue;
      const names = index.ofKindIn('Service', ingress.namespace).map((r) => r.name);
      const elsewhere = index.view(SERVICE_NAMESPACES_BY_NAME).get(backend.serviceName) ?? [];
      report({
        messageId: 'missing',
        at: backend.namePath,
        data: {
          service: backend.serviceName,
          namespace: ingress.namespace,
          route,
          suggestion: closestTypo(backend.serviceName, names),
          elsewhere: elsewhere.length > 0 ? elsewhere.join(', ') : undefined,
        },
        reference: { to: 'object', at: path, target, problem: 'missing' },
      });
    }
  },
});

/** The namespaces of the input's Services, by name, in input order. */
const SERVICE_NAMESPACES_BY_NAME = view('Service namespaces by name', (index) => {
  const byName = new Map<string, string[]>();
  for (const service of index.ofKind('Service')) {
    const namespaces = byName.get(service.name);
    if (namespaces) namespaces.push(service.namespace);
    else byName.set(service.name, [service.namespace]);
  }
  return byName;
});

/** What a backend names: its Service, or its resource. */
function backendTarget(backend: Readonly<Record<string, unknown>>, namespace: string): ObjectRef {
  const named = isObject(backend['service']) ? backend['service'] : isObject(backend['resource']) ? backend['resource'] : {};
  const kind = isObject(backend['service']) ? 'Service' : typeof named['kind'] === 'string' ? named['kind'] : '';
  return { kind, namespace, name: typeof named['name'] === 'string' ? named['name'] : '' };
}

/** The API server's `IsValidPathSegmentName`: not `.` or `..`, no `/` or `%`. */
function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return `"${value}" may not be '.' or '..'`;
  if (value.includes('/')) return `"${value}" may not contain '/'`;
  if (value.includes('%')) return `"${value}" may not contain '%'`;
  return undefined;
}

/** The v1 form of a v1beta1 backend: `service: {name: web, port: {number: 80}}`. */
function v1Backend(serviceName: unknown, servicePort: unknown): string {
  const name = typeof serviceName === 'string' ? serviceName : '<name>';
  const port = typeof servicePort === 'string' ? `name: ${servicePort}` : `number: ${typeof servicePort === 'number' ? servicePort : '<port>'}`;
  return `service: {name: ${name}, port: {${port}}}`;
}
