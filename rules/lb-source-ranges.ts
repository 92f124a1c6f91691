import { defineRule, type FieldPath } from '../src/api/types.js';
import { isIP, parseLegacyCIDR } from '../src/k8s/dns.js';
import { objectAt } from '../src/k8s/objects.js';
import { describeServiceType, knownServiceType, LB_SOURCE_RANGES_ANNOTATION, serviceSpec } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'lb-source-ranges',
    description: 'loadBalancerSourceRanges (and its older annotation) must hold CIDRs and belongs only on a LoadBalancer Service; 0.0.0.0/0 restricts nothing.',
    remediation: 'Write each range as a CIDR such as `203.0.113.0/24` on a `type: LoadBalancer` Service; on other types use a NetworkPolicy to restrict clients.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      notLoadBalancer:
        '{{field}} may only be used when type is LoadBalancer, but this Service is {{type}}; the API server rejects it. Set `type: LoadBalancer`, or remove it (a NetworkPolicy restricts clients of other Service types)',
      invalidCidr: '{{field}} holds "{{value}}", which is not a CIDR; the API server rejects it. Write an address with a prefix length, such as {{example}}',
      openToWorld:
        '{{field}} holds {{value}}, which allows every source address: the load balancer is open to {{scope}}. List only the client ranges that need access, or remove the entry if that is intended',
      annotationIgnored:
        'The annotation {{annotation}} is ignored because spec.loadBalancerSourceRanges is set; only the field restricts clients. Move its ranges into loadBalancerSourceRanges and remove the annotation',
    },
    warnings: ['openToWorld', 'annotationIgnored'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const type = knownServiceType(service.object);
    if (type === undefined) return;
    const isLoadBalancer = type === 'LoadBalancer';
    const spec = serviceSpec(service.object);
    const ranges = spec['loadBalancerSourceRanges'];
    const annotations = objectAt(service.object, ['metadata', 'annotations']);
    const annotation = annotations?.[LB_SOURCE_RANGES_ANNOTATION];
    const annotationPath: FieldPath = ['metadata', 'annotations', LB_SOURCE_RANGES_ANNOTATION];

    if (Array.isArray(ranges) && ranges.length > 0) {
      if (!isLoadBalancer) {
        report({
          messageId: 'notLoadBalancer',
          at: ['spec', 'loadBalancerSourceRanges'],
          target: 'key',
          data: { field: 'spec.loadBalancerSourceRanges', type: describeServiceType(service.object) },
        });
      }
      ranges.forEach((entry: unknown, i) => {
        // A non-string entry is the schema rule's finding. Spaces around a range are allowed.
        if (typeof entry === 'string') checkRange(entry.trim(), ['spec', 'loadBalancerSourceRanges', i], `spec.loadBalancerSourceRanges[${i}]`);
      });
      if (isLoadBalancer && typeof annotation === 'string' && annotation.trim() !== '') {
        report({ messageId: 'annotationIgnored', at: annotationPath, target: 'key', data: { annotation: LB_SOURCE_RANGES_ANNOTATION } });
      }
      return;
    }
    // A non-string annotation value is the schema rule's finding.
    if (typeof annotation !== 'string') return;
    const field = `The annotation ${LB_SOURCE_RANGES_ANNOTATION}`;
    // The API server forbids the annotation's mere presence on other types, even with an empty value.
    if (!isLoadBalancer) {
      report({ messageId: 'notLoadBalancer', at: annotationPath, target: 'key', data: { field, type: describeServiceType(service.object) } });
    }
    // An empty value means the default (open); otherwise each comma-separated item must be a CIDR.
    if (annotation.trim() === '') return;
    for (const item of annotation.trim().split(',')) checkRange(item.trim(), annotationPath, field);

    function checkRange(range: string, at: FieldPath, field: string): void {
      const cidr = parseLegacyCIDR(range);
      if (cidr === undefined) {
        const example = isIP(range) ? `${range}/${range.includes(':') ? 128 : 32} for this one address` : '203.0.113.0/24 or 2001:db8::/64';
        report({ messageId: 'invalidCidr', at, data: { field, value: range, example } });
        return;
      }
      // On another type the field itself is the error; whether it is open does not matter.
      if (isLoadBalancer && cidr.prefix === 0) {
        report({ messageId: 'openToWorld', at, data: { field, value: range, scope: cidr.family === 4 ? 'all of IPv4' : 'all of IPv6' } });
      }
    }
  },
});
