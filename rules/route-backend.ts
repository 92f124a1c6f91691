import { defineRule, type JudgedReference, type ReferenceProblem } from '../src/api/types.js';
import {
  GATEWAY_GROUP,
  gatewayListeners,
  isGatewayRef,
  isServiceRef,
  listenerAllowsNamespace,
  referenceGrantAllows,
  routeBackendRefs,
  routeParentRefs,
  ROUTE_KINDS,
} from '../src/k8s/gateway.js';
import { namespaceLabels } from '../src/k8s/namespaces.js';
import { integerField, valueAt, type PlainObject } from '../src/k8s/objects.js';
import { canJudgeReferences, findReferenced } from '../src/k8s/references.js';
import { describeServicePorts, findServicePort, servicePortSuggestion, serviceType } from '../src/k8s/service.js';
import { closestMatch, closestTypo } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'route-backend',
    description:
      'A Gateway API route (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute, UDPRoute) must point its backendRefs at existing Service ports, with a ReferenceGrant for another namespace, and its parentRefs at a Gateway listener that accepts it.',
    remediation:
      'Name an existing Service and one of its ports in each backendRef, add a ReferenceGrant in the target namespace for a cross-namespace backend, and attach the route to a Gateway listener that allows its namespace.',
    category: 'gateway',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      serviceMissing:
        'backendRef names Service {{service}}, which does not exist in namespace {{namespace}}: the route gets ResolvedRefs=False (BackendNotFound) and requests for this backend fail with 500{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      portMissing:
        'Service {{namespace}}/{{service}} has no port {{port}} (its ports: {{ports}}): a backendRef names the Service port, so requests for this backend fail with 500{{#suggestion}}; did you mean {{suggestion}}?{{#targetPort}} {{port}} is its targetPort{{/targetPort}}{{/suggestion}}',
      grantMissing:
        'backendRef points at Service {{service}} in namespace {{namespace}}, but no ReferenceGrant there lets {{kind}}s of namespace {{from}} refer to it, so the reference is refused (RefNotPermitted). Add a ReferenceGrant in {{namespace}} with from: [{group: gateway.networking.k8s.io, kind: {{kind}}, namespace: {{from}}}] and to: [{group: "", kind: Service}]',
      gatewayMissing:
        'parentRef names Gateway {{gateway}}, which does not exist in namespace {{namespace}}, so the route is attached to nothing and serves no traffic{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      listenerMissing:
        'parentRef sectionName {{section}} names no listener of Gateway {{gateway}} (its listeners: {{listeners}}), so the route is not attached{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      notAllowed:
        'Gateway {{gateway}} does not accept routes from namespace {{namespace}}: {{reason}}, so the route is not attached. Set allowedRoutes.namespaces.from: All (or a Selector matching {{namespace}}) on its listener, or move the route',
    },
    warnings: ['gatewayMissing', 'listenerMissing', 'notAllowed'],
    kinds: ROUTE_KINDS,
    schema: null,
    defaultOptions: {},
  },
  check(route, { index, settings, unjudged, report }) {
    for (const { value: ref, path } of routeBackendRefs(route)) {
      if (!isServiceRef(ref) || ref.name === undefined || ref.name === '') continue;
      const data = { service: ref.name, namespace: ref.namespace };
      const target = { kind: 'Service', namespace: ref.namespace, name: ref.name };
      const judged = (problem: ReferenceProblem): JudgedReference => ({ to: 'object', at: path, target, problem });
      // A Service backendRef without a port is refused by the route's CRD rule ("Must have port for Service reference"): crd-validation reports it.
      if (ref.crossNamespace) {
        const from = { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace };
        const allowed = referenceGrantAllows(index, from, { group: '', kind: 'Service', namespace: ref.namespace, name: ref.name });
        if (!allowed && canJudgeReferences({ index, settings, unjudged }, ['ReferenceGrant'], ref.namespace, { absenceIsNormal: true })) {
          report({ messageId: 'grantMissing', at: [...path, 'namespace'], data: { ...data, kind: route.kind, from: route.namespace }, reference: judged('not-permitted') });
          continue;
        }
      }
      const service = findReferenced(index, route, 'Service', ref.namespace, ref.name);
      if (!service) {
        if (!canJudgeReferences({ index, settings, unjudged }, ['Service'], ref.namespace)) continue;
        const names = index.ofKindIn('Service', ref.namespace).map((r) => r.name);
        report({ messageId: 'serviceMissing', at: [...path, 'name'], data: { ...data, suggestion: closestTypo(ref.name, names) }, reference: judged('missing') });
        continue;
      }
      if (ref.port === undefined || serviceType(service.object) === 'ExternalName') continue;
      if (findServicePort(service.object, { number: ref.port })) continue;
      const suggestion = servicePortSuggestion(service.object, { number: ref.port });
      const suggested = suggestion && integerField(suggestion.port.value, 'port');
      const targetPort = suggestion?.reason === 'targetPort';
      report({
        messageId: 'portMissing',
        at: [...path, 'port'],
        data: { ...data, port: ref.port, ports: describeServicePorts(service.object), suggestion: suggested, targetPort },
        reference: judged('port-missing'),
      });
    }

    for (const { value: ref, path } of routeParentRefs(route)) {
      if (!isGatewayRef(ref) || ref.name === undefined || ref.name === '') continue;
      const target = { kind: 'Gateway', namespace: ref.namespace, name: ref.name };
      const judged = (problem: ReferenceProblem): JudgedReference => ({ to: 'object', at: path, target, problem });
      const gateway = findReferenced(index, route, 'Gateway', ref.namespace, ref.name);
      if (!gateway) {
        if (!canJudgeReferences({ index, settings, unjudged }, ['Gateway'], ref.namespace)) continue;
        const names = index.ofKindIn('Gateway', ref.namespace).map((r) => r.name);
        report({
          messageId: 'gatewayMissing',
          at: [...path, 'name'],
          data: { gateway: ref.name, namespace: ref.namespace, suggestion: closestTypo(ref.name, names) },
          reference: judged('missing'),
        });
        continue;
      }
      const gatewayName = `${gateway.namespace}/${gateway.name}`;
      let listeners = gatewayListeners(gateway.object);
      if (ref.sectionName !== undefined) {
        const names = listeners.flatMap(({ value }) => (typeof value['name'] === 'string' ? [value['name']] : []));
        listeners = listeners.filter(({ value }) => value['name'] === ref.sectionName);
        if (listeners.length === 0) {
          report({
            messageId: 'listenerMissing',
            at: [...path, 'sectionName'],
            data: { section: ref.sectionName, gateway: gatewayName, listeners: names.join(', ') || 'none', suggestion: closestMatch(ref.sectionName, names) },
            reference: judged('missing'),
          });
          continue;
        }
      }
      if (ref.port !== undefined) listeners = listeners.filter(({ value }) => integerField(value, 'port') === ref.port);
      if (listeners.length === 0) continue;
      const labels = namespaceLabels(index, route.namespace);
      const verdicts = listeners.map(({ value }) => listenerAllowsNamespace(value, gateway.namespace, route.namespace, labels));
      if (verdicts.some((v) => v !== false)) continue;
      const reason = listeners.map(({ value }) => `listener ${String(value['name'] ?? '?')} ${listenerScope(value, gateway.namespace)}`).join('; ');
      report({ messageId: 'notAllowed', at: [...path, 'name'], data: { gateway: gatewayName, namespace: route.namespace, reason }, reference: judged('not-permitted') });
    }
  },
});

/** What a listener's allowedRoutes.namespaces admits, in words. */
function listenerScope(listener: PlainObject, gatewayNamespace: string): string {
  const from = valueAt(listener, ['allowedRoutes', 'namespaces', 'from']);
  if (from === undefined) return `admits routes of its own namespace ${gatewayNamespace} only (from: Same, the default)`;
  if (from === 'Same') return `admits routes of its own namespace ${gatewayNamespace} only (from: Same)`;
  if (from === 'None') return 'admits no routes (from: None)';
  return 'admits namespaces whose labels match its selector (from: Selector), and this one does not match';
}
