import { defineRule } from '../src/api/types.js';
import { isObject, stringField } from '../src/k8s/objects.js';
import { serviceSpec, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'externalname-fields',
    description: 'An ExternalName Service is a DNS alias: it gets no cluster IP, no IP family, no traffic policy, and selects no pods.',
    remediation: 'Remove the cluster IP, IP family, traffic policy and selector fields from the ExternalName Service, or use type ClusterIP if it should proxy to pods.',
    category: 'externalname',
    defaultSeverity: 'error',
    messages: {
      clusterIP:
        '{{field}} ({{value}}) may not be set on an ExternalName Service: it is only a DNS alias (CNAME) and gets no cluster IP, so the API server rejects it. Remove {{field}}{{#headless}} (an ExternalName Service has no cluster IP anyway; None is not needed){{/headless}}',
      ipFamily: '{{field}} may not be set on an ExternalName Service: it gets no cluster IP, so it has no IP family, and the API server rejects it. Remove {{field}}',
      externalTrafficPolicy:
        'externalTrafficPolicy {{value}} may not be set on an ExternalName Service: no traffic passes through it (it is a DNS alias), so the API server rejects it. Remove externalTrafficPolicy',
      selector:
        'The selector of an ExternalName Service is ignored: DNS answers with a CNAME to {{host}}, and no endpoints are made for the selected pods. Remove the selector, or use type ClusterIP to send traffic to the pods',
    },
    warnings: ['selector'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    if (serviceType(service.object) !== 'ExternalName') return;
    const spec = serviceSpec(service.object);
    const clusterIP = stringField(spec, 'clusterIP');
    const clusterIPs = spec['clusterIPs'];
    if (clusterIP !== undefined && clusterIP !== '') {
      report({
        messageId: 'clusterIP',
        at: ['spec', 'clusterIP'],
        data: { field: 'clusterIP', value: clusterIP, headless: clusterIP === 'None' },
      });
    } else if (Array.isArray(clusterIPs) && clusterIPs.length > 0) {
      const value = clusterIPs.map(String).join(', ');
      report({
        messageId: 'clusterIP',
        at: ['spec', 'clusterIPs'],
        target: 'key',
        data: { field: 'clusterIPs', value, headless: clusterIPs.includes('None') },
      });
    }
    const families = spec['ipFamilies'];
    if (Array.isArray(families) && families.length > 0) report({ messageId: 'ipFamily', at: ['spec', 'ipFamilies'], target: 'key', data: { field: 'ipFamilies' } });
    const policy = spec['ipFamilyPolicy'];
    if (policy !== undefined && policy !== null && policy !== '')
      report({ messageId: 'ipFamily', at: ['spec', 'ipFamilyPolicy'], target: 'key', data: { field: 'ipFamilyPolicy' } });
    const trafficPolicy = stringField(spec, 'externalTrafficPolicy');
    if (trafficPolicy !== undefined && trafficPolicy !== '') report({ messageId: 'externalTrafficPolicy', at: ['spec', 'externalTrafficPolicy'], data: { value: trafficPolicy } });
    const selector = spec['selector'];
    if (isObject(selector) && Object.keys(selector).length > 0) {
      const externalName = stringField(spec, 'externalName');
      report({ messageId: 'selector', at: ['spec', 'selector'], target: 'key', data: { host: externalName || 'the external name' } });
    }
  },
});
