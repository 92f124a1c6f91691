import { defineRule, reportingOn } from '../src/api/types.js';
import { ianaServiceNameProblem } from '../src/k8s/dns.js';
import { containerPorts, declaresAllPorts, describePorts, isDefaultedTargetPort, targetPortOf, type ContainerPort } from '../src/k8s/ports.js';
import { serviceSelector } from '../src/k8s/selectors.js';
import { portProtocol, servicePorts, serviceType } from '../src/k8s/service.js';
import { closestMatch } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'service-target-port',
    description:
      "A Service's targetPort must be a port the selected pods' containers declare (by name), with the same protocol; a numeric targetPort no container declares is reported only with the option undeclaredNumbers.",
    remediation: 'Set targetPort to a containerPort number or name declared by the selected pods, with the protocol they use.',
    category: 'service',
    defaultSeverity: 'error',
    crossResource: true,
    messages: {
      quotedNumber:
        'targetPort "{{value}}" is a string, so Kubernetes reads it as a port name, and a port name must contain a letter; the API server rejects it. Write targetPort: {{value}} without quotes',
      invalidName: 'targetPort "{{value}}" is not a valid port name: it {{problem}}; the API server rejects it',
      outOfRange: 'targetPort {{value}} is not a port number: it must be between 1 and 65535; the API server rejects it',
      namedPortMissing:
        'targetPort "{{value}}" names no container port of the selected pods ({{workloads}}: {{declared}}), so the Service has no endpoints for this port and traffic fails{{#suggestion}}; did you mean "{{suggestion}}"?{{/suggestion}}',
      namedProtocolMismatch:
        'targetPort "{{value}}" is declared by the selected pods only as {{declaredProtocols}}, but this Service port is {{protocol}}; a named port resolves only with the same protocol, so traffic fails. Set protocol: {{declaredProtocol}} or declare the port for {{protocol}}',
      numberNotDeclared:
        'targetPort {{value}}{{#defaulted}} (unset, so the port number){{/defaulted}} is not a containerPort of the selected pods ({{workloads}}: {{declared}}); traffic to it is refused unless the container listens there undeclared{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}',
      numberProtocolMismatch:
        'targetPort {{value}}{{#defaulted}} (unset, so the port number){{/defaulted}} is declared by the selected pods as {{declaredProtocols}}, but this Service port is {{protocol}}; check the protocol',
    },
    warnings: ['numberNotDeclared', 'numberProtocolMismatch'],
    kinds: ['Service'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        undeclaredNumbers: {
          type: 'boolean',
          description:
            'Also report a numeric targetPort that no container declares. Off by default: declaring container ports is optional, and a container listens on undeclared ports more often than not.',
        },
      },
    },
    defaultOptions: { undeclaredNumbers: false },
  },
  check(service, { index, options, report: reportAny }) {
    if (serviceType(service.object) === 'ExternalName') return;
    const selector = serviceSelector(service.object);
    const found = selector === undefined ? [] : index.selectPodTemplates(service.namespace, selector);
    // Pods an operator makes: their containers are not in the input, so no port can be judged.
    const selected = found.some(({ template }) => !template.containersKnown) ? [] : found;
    const declared = selected.flatMap(({ template }) => containerPorts(template));
    const workloads = [...new Set(selected.map(({ workload }) => `${workload.kind} ${workload.name}`))].join(', ');

    for (const { value: port, path } of servicePorts(service.object)) {
      const target = targetPortOf(port);
      const defaulted = isDefaultedTargetPort(port['targetPort']);
      const at = defaulted ? [...path, 'port'] : [...path, 'targetPort'];
      const protocol = portProtocol(port);
      // Every finding here is about this port: the topology draws the Service's traffic to it broken.
      const report = reportingOn(reportAny, { to: 'pods', at: path, problem: 'port-missing' });
      if (typeof target === 'string') {
        const problem = ianaServiceNameProblem(target);
        if (problem !== undefined) {
          report({
            messageId: /^\d+$/.test(target) ? 'quotedNumber' : 'invalidName',
            at,
            data: { value: target, problem },
            reference: { to: 'pods', at: path, problem: 'invalid' },
          });
          continue;
        }
        if (selected.length === 0) continue;
        const named = declared.filter((p) => p.name === target);
        if (named.length === 0) {
          const names = declared.flatMap((p) => (p.name === undefined ? [] : [p.name]));
          const hint = closestMatch(target, names);
          report({
            messageId: 'namedPortMissing',
            at,
            data: { value: target, workloads, declared: describePorts(declared), suggestion: hint },
            related: selected.slice(0, MAX_RELATED).map(({ workload }) => ({ resource: workload, message: `${workload.kind} ${workload.name}, selected by this Service` })),
            ...(hint ? { suggest: [{ desc: `Change the targetPort to "${hint}"`, fix: [{ op: 'set', at, value: hint }] }] } : {}),
          });
        } else if (!named.some((p) => p.protocol === protocol)) {
          report({ messageId: 'namedProtocolMismatch', at, data: { value: target, protocol, ...protocols(named) } });
        }
        continue;
      }
      if (target === undefined) continue;
      if (target < 1 || target > 65535) {
        // A defaulted targetPort is the port number, whose range api-validation reports.
        if (!defaulted) report({ messageId: 'outOfRange', at, data: { value: target }, reference: { to: 'pods', at: path, problem: 'invalid' } });
        continue;
      }
      if (selected.length === 0 || !selected.every(({ template }) => declaresAllPorts(template))) continue;
      const numbered = declared.filter((p) => p.number === target);
      if (numbered.length === 0) {
        if (!options.undeclaredNumbers) continue;
        report({
          messageId: 'numberNotDeclared',
          at,
          data: { value: target, defaulted, workloads, declared: describePorts(declared), suggestion: numberSuggestion(declared, protocol) },
        });
      } else if (!numbered.some((p) => p.protocol === protocol)) {
        report({ messageId: 'numberProtocolMismatch', at, data: { value: target, defaulted, protocol, ...protocols(numbered) } });
      }
    }
  },
});

/** Editors show the other ends in a list: a few name the mistake as well as all of them. */
const MAX_RELATED = 5;

function protocols(ports: readonly ContainerPort[]): { declaredProtocols: string; declaredProtocol: string } {
  const unique = [...new Set(ports.map((p) => p.protocol))];
  return { declaredProtocols: unique.join(' and '), declaredProtocol: unique[0]! };
}

/** When exactly one declared port has the Service port's protocol, it is what the user meant. */
function numberSuggestion(declared: readonly ContainerPort[], protocol: string): number | undefined {
  const candidates = [...new Set(declared.filter((p) => p.protocol === protocol && p.number !== undefined).map((p) => p.number))];
  return candidates.length === 1 ? candidates[0] : undefined;
}
