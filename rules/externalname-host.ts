import { defineRule } from '../src/api/types.js';
import { isDns1123Subdomain, isIPv4, isIPv6 } from '../src/k8s/dns.js';
import { serviceSpec, serviceType } from '../src/k8s/service.js';

export default defineRule({
  meta: {
    id: 'externalname-host',
    description: 'An ExternalName Service needs `externalName` set to a bare DNS name (a lower-case DNS-1123 subdomain), not a URL or an IP address.',
    remediation: 'Set `externalName` to the host name alone, such as `db.example.com`; for an IP address use a Service without selector and an EndpointSlice.',
    category: 'externalname',
    defaultSeverity: 'error',
    messages: {
      missing:
        'A Service of type ExternalName needs spec.externalName, the DNS name it aliases; the API server rejects it without one. Set externalName to a host name such as `db.example.com`',
      url: 'externalName "{{value}}" is a URL or host:port, but it must be a bare DNS name: the Service only answers DNS queries with a CNAME, so a scheme, port or path has no place there and the API server rejects it. Use "{{host}}"; clients choose the port themselves',
      invalid:
        'externalName "{{value}}" is not a valid DNS name: it {{problem}}, and a DNS-1123 subdomain (lower-case letters, digits, \'-\' and \'.\', at most 253 characters) is required; the API server rejects it{{#suggestion}}. Use "{{suggestion}}"{{/suggestion}}',
      ipv6: 'externalName "{{value}}" is an IPv6 address; externalName must be a DNS name (a CNAME target), and the API server rejects it. To send traffic to an address, use a Service without selector and an EndpointSlice with that address',
      ipv4: 'externalName "{{value}}" is an IPv4 address: the API server accepts it, but DNS publishes it as a CNAME to a host literally named "{{value}}", which does not resolve. Use a Service without selector and an EndpointSlice with this address, or a DNS name',
    },
    warnings: ['ipv4'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    if (serviceType(service.object) !== 'ExternalName') return;
    const value = serviceSpec(service.object)['externalName'];
    const at = ['spec', 'externalName'];
    if (value === undefined || value === null) return report({ messageId: 'missing', at });
    // A non-string value is the schema rule's finding.
    if (typeof value !== 'string') return;
    // The API server strips one trailing dot (a fully qualified name) before checking.
    const host = value.endsWith('.') ? value.slice(0, -1) : value;
    if (host === '') return report({ messageId: 'missing', at });
    const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(host) || /[/:?#@]/.test(host) ? hostOfUrl(host) : undefined;
    if (url !== undefined && !isIPv6(host)) return report({ messageId: 'url', at, data: { value, host: url } });
    if (isIPv6(host)) return report({ messageId: 'ipv6', at, data: { value } });
    if (!isDns1123Subdomain(host)) {
      const fixed = host.trim().toLowerCase();
      const suggestion = fixed !== host && isDns1123Subdomain(fixed) && !isIPv4(fixed) ? fixed : undefined;
      return report({ messageId: 'invalid', at, data: { value, problem: subdomainProblem(host), suggestion } });
    }
    if (isIPv4(host)) report({ messageId: 'ipv4', at, data: { value } });
  },
});

/** The host part of `scheme://user@host:port/path?query`, or of `host:port/path`. */
function hostOfUrl(text: string): string | undefined {
  let rest = text.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  rest = rest.replace(/^[^/@]*@/, '');
  const host = rest.split(/[/?#]/)[0]!.replace(/:\d*$/, '').toLowerCase().replace(/\.$/, '');
  return host !== '' && isDns1123Subdomain(host) ? host : undefined;
}

function subdomainProblem(host: string): string {
  if (host.length > 253) return `is ${host.length} characters long (at most 253)`;
  if (/\s/.test(host)) return 'contains whitespace';
  if (/[A-Z]/.test(host)) return 'contains upper-case letters';
  if (host.includes('_')) return "contains '_'";
  if (host.includes('*')) return "contains '*' (wildcards are not allowed)";
  if (/[^a-z0-9.-]/.test(host)) return `contains '${/[^a-z0-9.-]/.exec(host)![0]}'`;
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return 'has an empty label (two dots in a row, or a leading dot)';
  if (labels.some((l) => l.length > 63)) return 'has a label longer than 63 characters';
  return "has a label that starts or ends with '-'";
}
