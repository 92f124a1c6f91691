import { defineRule, type FieldPath } from '../src/api/types.js';
import { isIP, nonStandardIP, specialIPRange, type SpecialIPRange } from '../src/k8s/dns.js';
import { serviceSpec } from '../src/k8s/service.js';

/** Each range the API server refuses, in its words. */
const RANGES: Readonly<Record<SpecialIPRange, string>> = {
  unspecified: 'is unspecified (0.0.0.0 or ::, which name no address)',
  loopback: 'is in the loopback range (127.0.0.0/8, ::1/128)',
  'link-local': 'is in the link-local range (169.254.0.0/16, fe80::/10)',
  'link-local multicast': 'is in the link-local multicast range (224.0.0.0/24, ff02::/10)',
};

export default defineRule({
  meta: {
    id: 'service-external-ips',
    description: 'Each externalIPs entry must be one IP address in standard form, and not an unspecified, loopback, link-local or link-local multicast address.',
    remediation: 'Write each external IP as one plain address that clients outside the cluster route to a node, such as `203.0.113.10` or `2001:db8::10`.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      notAnIP:
        'spec.externalIPs[{{index}}] holds "{{value}}", which is not an IP address; the API server rejects it. {{#address}}Write the address without a prefix length: {{address}}{{/address}}{{#cidr}}externalIPs take single addresses, not CIDR ranges; list each address clients use{{/cidr}}{{#trimmed}}Remove the spaces around it: {{trimmed}}{{/trimmed}}{{#addresses}}Put each address in its own list entry: {{addresses}}{{/addresses}}{{#other}}Write one IPv4 or IPv6 address, such as 203.0.113.10 or 2001:db8::10{{/other}}',
      nonStandard:
        'spec.externalIPs[{{index}}] holds {{value}}, {{problem}}; API servers with strict IP validation (KEP-4858, on by default since it went beta) reject it, and other software may read it differently. Write {{address}}',
      specialIP:
        'spec.externalIPs[{{index}}] holds {{value}}, which {{range}}; the API server rejects it. Use an address that clients outside the cluster route to a node, or remove the entry',
    },
    // Older API servers still accept these forms.
    warnings: ['nonStandard'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const ips = serviceSpec(service.object)['externalIPs'];
    // A list of another shape, or a non-string entry, is the schema rule's finding.
    if (!Array.isArray(ips)) return;
    ips.forEach((value: unknown, index) => {
      if (typeof value !== 'string') return;
      const at: FieldPath = ['spec', 'externalIPs', index];
      const legacy = nonStandardIP(value);
      if (legacy === undefined && !isIP(value)) {
        report({ messageId: 'notAnIP', at, data: { index, value, ...notAnIPAdvice(value) } });
        return;
      }
      // An address in a refused range is reported as such whatever its form: rewriting it would not help.
      const range = specialIPRange(value);
      if (range !== undefined) {
        report({ messageId: 'specialIP', at, data: { index, value, range: RANGES[range] } });
      } else if (legacy !== undefined) {
        const problem = legacy.problem === 'leading zeros' ? 'an IPv4 address with leading zeros' : 'an IPv4-mapped IPv6 address';
        report({ messageId: 'nonStandard', at, data: { index, value, problem, address: legacy.address } });
      }
    });
  },
});

/**
 * Which advice `notAnIP` gives (one key of them): the address of a one-address CIDR, single addresses
 * instead of a range, the address without spaces, one entry per address, or any address.
 */
function notAnIPAdvice(value: string): NotAnIPAdvice {
  const none: NotAnIPAdvice = { address: undefined, cidr: false, trimmed: undefined, addresses: undefined, other: false };
  const slash = value.indexOf('/');
  if (slash > 0 && isIP(value.slice(0, slash))) {
    const address = value.slice(0, slash);
    const single = value.slice(slash + 1) === (address.includes(':') ? '128' : '32');
    return single ? { ...none, address } : { ...none, cidr: true };
  }
  if (value.trim() !== value && isIP(value.trim())) return { ...none, trimmed: value.trim() };
  const parts = value.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length > 1 && parts.every(isIP)) return { ...none, addresses: parts.join(', ') };
  return { ...none, other: true };
}

interface NotAnIPAdvice {
  readonly address: string | undefined;
  readonly cidr: boolean;
  readonly trimmed: string | undefined;
  readonly addresses: string | undefined;
  readonly other: boolean;
}
