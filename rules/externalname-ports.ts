import { defineRule } from '../src/api/types.js';
import { integerField, valueAt } from '../src/k8s/objects.js';
import { servicePorts, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'externalname-ports',
    description: 'Ports on an ExternalName Service do nothing: it is a DNS CNAME, nothing proxies the traffic, and a targetPort cannot remap a port.',
    remediation: 'Remove `ports` from the ExternalName Service and have clients connect to the external port directly.',
    category: 'externalname',
    defaultSeverity: 'warn',
    messages: {
      ports:
        'An ExternalName Service is only a DNS alias (CNAME) for {{host}}: nothing proxies its traffic, so these ports are not opened, enforced or forwarded; clients connect to whatever port they use on {{host}}. The API server accepts them, but they do nothing: remove them, or keep them only as documentation',
      targetPort:
        'targetPort {{targetPort}} differs from port {{port}}, but an ExternalName Service cannot remap ports: a client connecting to port {{port}} reaches {{host}} on port {{port}}{{#named}}; a port name means nothing here, as there are no pods to declare it. Remove targetPort{{/named}}{{^named}}, not {{targetPort}}. If the external service listens on {{targetPort}}, set port: {{targetPort}} and have clients use it; otherwise remove targetPort{{/named}}',
    },
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    if (serviceType(service.object) !== 'ExternalName') return;
    const entries = valueAt(service.object, ['spec', 'ports']);
    if (!Array.isArray(entries) || entries.length === 0) return;
    const externalName = valueAt(service.object, ['spec', 'externalName']);
    const host = typeof externalName === 'string' && externalName !== '' ? externalName : 'the external host';
    report({ messageId: 'ports', at: ['spec', 'ports'], target: 'key', data: { host } });
    for (const { value: port, path } of servicePorts(service.object)) {
      const number = integerField(port, 'port');
      const target = port['targetPort'];
      if (number === undefined || target === undefined || target === null || target === '' || target === 0 || target === number) continue;
      if (typeof target !== 'string' && !(typeof target === 'number' && Number.isInteger(target))) continue;
      report({ messageId: 'targetPort', at: [...path, 'targetPort'], data: { port: number, targetPort: target, host, named: typeof target === 'string' } });
    }
  },
});
