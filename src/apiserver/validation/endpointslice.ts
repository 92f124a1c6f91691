import { isDns1123Subdomain, isIPv4, isIPv6, nonStandardIP, specialIPRange } from '../../k8s/dns.js';
import { isObject, objectsIn, type PlainObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { validateAppProtocol } from './endpoints.js';
import { validateObjectMeta } from './metadata.js';
import { nameProblem, validateLabels } from './names.js';

const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_TOPOLOGY_LABELS = 16;

/** ValidateEndpointSliceCreate on a defaulted slice (SetDefaults_EndpointPort: name "", protocol TCP). */
export function validateEndpointSlice(slice: PlainObject, issues: Issues): void {
  // ValidateEndpointSlice: ValidateEndpointSliceName (a DNS-1123 subdomain)
  validateObjectMeta(slice, { nameRule: 'dns1123-subdomain' }, issues);
  validateEndpoints(slice, issues);
  validatePorts(slice, issues);
}

/** validateEndpoints: at most 1000, each with 1 to 100 addresses of the slice's type, a label hostname and topology. */
function validateEndpoints(slice: PlainObject, issues: Issues): void {
  const endpoints = objectsIn(slice, ['endpoints']);
  if (endpoints.length > MAX_ENDPOINTS) {
    issues.invalid(['endpoints'], `holds ${endpoints.length} endpoints; at most ${MAX_ENDPOINTS} are allowed, so split them over several EndpointSlices`);
    return;
  }
  for (const { value: endpoint, path } of endpoints) {
    const addresses = Array.isArray(endpoint['addresses']) ? (endpoint['addresses'] as unknown[]) : [];
    const addressesPath = [...path, 'addresses'];
    if (addresses.length === 0) issues.required(addressesPath, "must contain at least 1 address; list the endpoint's addresses, or remove the endpoint");
    else if (addresses.length > MAX_ADDRESSES)
      issues.invalid(addressesPath, `holds ${addresses.length} addresses; at most ${MAX_ADDRESSES} are allowed, so split them over several endpoints`);
    addresses.forEach((address, i) => {
      if (typeof address !== 'string') return;
      const problem = addressProblem(address, slice['addressType']);
      if (problem !== undefined) issues.invalid([...addressesPath, i], problem);
    });
    const topology = endpoint['deprecatedTopology'];
    if (isObject(topology) && Object.keys(topology).length > MAX_TOPOLOGY_LABELS) {
      issues.invalid([...path, 'deprecatedTopology'], `holds ${Object.keys(topology).length} labels; at most ${MAX_TOPOLOGY_LABELS} are allowed`);
    }
    validateLabels(topology, [...path, 'deprecatedTopology'], issues);
    const hostname = endpoint['hostname'];
    if (typeof hostname === 'string') {
      const problem = nameProblem(hostname, 'dns1123-label');
      if (problem !== undefined) issues.invalid([...path, 'hostname'], problem);
    }
  }
}

/** validatePorts: at most 100, names DNS-1123 labels and unique after defaulting (two unnamed ports are both ""). */
function validatePorts(slice: PlainObject, issues: Issues): void {
  const ports = objectsIn(slice, ['ports']);
  if (ports.length > MAX_PORTS) {
    issues.invalid(['ports'], `holds ${ports.length} ports; at most ${MAX_PORTS} are allowed`);
    return;
  }
  const names = new Set<string>();
  for (const { value: port, path } of ports) {
    const name = typeof port['name'] === 'string' ? port['name'] : '';
    if (name !== '') {
      const problem = nameProblem(name, 'dns1123-label');
      if (problem !== undefined) issues.invalid([...path, 'name'], problem);
    }
    if (names.has(name)) {
      if (name === '') issues.invalid(path, 'has no name, like an earlier port; port names must be unique, so give each port a name, such as http');
      else issues.invalid([...path, 'name'], `"${name}" is already the name of an earlier port; port names must be unique`);
    }
    names.add(name);
    validateAppProtocol(port, path, issues);
  }
}

/** validateEndpoints: each address must be of the slice's addressType (FQDN: IsFullyQualifiedDomainName). */
function addressProblem(address: string, addressType: unknown): string | undefined {
  if (addressType === 'IPv4' || addressType === 'IPv6') {
    const legacy = nonStandardIP(address);
    const family = isIPv4(address) || legacy !== undefined ? 'IPv4' : isIPv6(address) ? 'IPv6' : undefined;
    if (family !== addressType)
      return `"${address}" is not an ${addressType} address, but the slice's addressType is ${addressType}; put addresses of the other family in their own EndpointSlice`;
    // ValidateNonSpecialIP
    const range = specialIPRange(address);
    if (range !== undefined) return `${address} is in the ${range} range, which endpoints may not use`;
    return undefined;
  }
  if (addressType === 'FQDN') {
    const name = address.endsWith('.') ? address.slice(0, -1) : address;
    if (!name.includes('.')) return `"${address}" is not a fully qualified domain name: it needs at least two labels, such as db.example.com`;
    if (!isDns1123Subdomain(name)) return `"${address}" is not a valid domain name: lower-case letters, digits, '-' and '.'`;
  }
  return undefined;
}
