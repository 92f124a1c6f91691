import { defineRule, reportingOn } from '../src/api/types.js';
import { ianaServiceNameProblem } from '../src/k8s/dns.js';
import { describeBackendRoute, ingressBackends, isAlbActionBackend, isV1beta1Ingress } from '../src/k8s/ingress.js';
import { integerField, isObject, stringField, valueAt } from '../src/k8s/objects.js';
import { findReferenced } from '../src/k8s/references.js';
import { describeServicePorts, findServicePort, servicePortSuggestion, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-port',
    description:
      "An Ingress backend's port must name one of the Service's ports: `port.number` is a Service `port` (not its targetPort), `port.name` a Service port name; exactly one of them is set.",
    remediation: 'Set `service.port.number` to a `port` of the Service, or `service.port.name` to one of its port names.',
    category: 'ingress',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      numberMissing:
        'Service {{service}} has no port {{port}} (its ports: {{ports}}), so the controller cannot route {{route}}{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      targetPort:
        'Service {{service}} has no port {{port}}: {{port}} is the targetPort of its port {{servicePort}}. An Ingress backend names the Service port: did you mean {{servicePort}}? As written, {{route}} is not routed',
      nameMissing:
        'Service {{service}} has no port named "{{port}}" (its ports: {{ports}}), so the controller cannot route {{route}}{{#suggestion}}; did you mean "{{suggestion}}"?{{/suggestion}}',
      portRequired: 'The backend Service port is not set: give port.number or port.name; the API server rejects the Ingress ("port name or number is required")',
      both: 'port sets both name "{{name}}" and number {{number}}; the API server rejects the Ingress ("cannot set both port name & port number"). Keep one',
      numberOutOfRange: 'port.number {{value}} is not a port number: it must be between 1 and 65535; the API server rejects the Ingress',
      nameInvalid: 'port.name "{{value}}" is not a valid port name: it {{problem}}; the API server rejects the Ingress',
    },
    kinds: ['Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(ingress, { index, report: reportAny }) {
    const v1beta1 = isV1beta1Ingress(ingress.apiVersion);
    for (const { value, path } of ingressBackends(ingress.object)) {
      const backend = value.backend;
      if (backend.kind !== 'service' || isAlbActionBackend(backend)) continue;
      // v1beta1 fields in a v1 Ingress, or spec.backend: ingress-backend-service reports them.
      if (!v1beta1 && (backend.shape === 'v1beta1' || path[1] === 'backend')) continue;
      const target = { kind: 'Service', namespace: ingress.namespace, name: backend.serviceName ?? '' };
      const report = reportingOn(reportAny, { to: 'object', at: path, target, problem: 'invalid' });
      if (backend.shape === 'v1') {
        // The API server's port checks (validateIngressBackend); a number 0 or an empty name counts as unset.
        const portPath = [...path, 'service', 'port'];
        const port = valueAt(ingress.object, portPath);
        if (port !== undefined && port !== null && !isObject(port)) continue; // the schema rule's finding
        const number = isObject(port) ? integerField(port, 'number') : undefined;
        const name = isObject(port) ? stringField(port, 'name') : undefined;
        const hasNumber = number !== undefined && number !== 0;
        const hasName = name !== undefined && name !== '';
        if (hasNumber && hasName) {
          report({ messageId: 'both', at: portPath, target: 'key', data: { name: name, number: number } });
          continue;
        }
        if (!hasNumber && !hasName) {
          const wrongType = isObject(port) && ((port['number'] !== undefined && number === undefined) || (port['name'] !== undefined && name === undefined));
          if (!wrongType)
            report({
              messageId: 'portRequired',
              at: port === undefined || port === null ? [...path, 'service'] : portPath,
              target: 'key',
              reference: { to: 'object', at: path, target, problem: 'port-required' },
            });
          continue;
        }
        if (hasNumber && (number < 1 || number > 65535)) {
          report({ messageId: 'numberOutOfRange', at: [...portPath, 'number'], data: { value: number } });
          continue;
        }
        if (hasName) {
          const problem = ianaServiceNameProblem(name);
          if (problem !== undefined) {
            report({ messageId: 'nameInvalid', at: [...portPath, 'name'], data: { value: name, problem } });
            continue;
          }
        }
      }

      // The reference: the named Service (when the input holds it) has that port.
      if (backend.serviceName === undefined || backend.port === undefined) continue;
      const service = findReferenced(index, ingress, 'Service', ingress.namespace, backend.serviceName);
      // ExternalName ports are informational (ingress-backend-type speaks about ExternalName backends).
      if (!service || serviceType(service.object) === 'ExternalName') continue;
      if (findServicePort(service.object, backend.port)) continue;
      const data = { service: backend.serviceName, ports: describeServicePorts(service.object), route: describeBackendRoute(value) };
      const suggestion = servicePortSuggestion(service.object, backend.port);
      const suggested = suggestion && ('number' in backend.port ? integerField(suggestion.port.value, 'port') : stringField(suggestion.port.value, 'name'));
      const extra = {
        reference: { to: 'object', at: path, target, problem: 'port-missing' } as const,
        related: [{ resource: service, at: suggestion?.port.path ?? ['spec', 'ports'], message: `Service ${backend.serviceName}` }],
        ...(suggested !== undefined ? { suggest: [{ desc: `Change the port to ${suggested}`, fix: [{ op: 'set' as const, at: backend.portPath, value: suggested }] }] } : {}),
      };
      if ('number' in backend.port) {
        if (suggestion?.reason === 'targetPort' && suggested !== undefined) {
          report({ messageId: 'targetPort', at: backend.portPath, data: { ...data, port: backend.port.number, servicePort: suggested }, ...extra });
        } else {
          report({ messageId: 'numberMissing', at: backend.portPath, data: { ...data, port: backend.port.number, suggestion: suggested }, ...extra });
        }
      } else {
        report({ messageId: 'nameMissing', at: backend.portPath, data: { ...data, port: backend.port.name, suggestion: suggested }, ...extra });
      }
    }
  },
});
