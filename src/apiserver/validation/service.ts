import type { FieldPath } from '../../api/types.js';
import { isIP, isIPv4, isIPv6 } from '../../k8s/dns.js';
import { isObject, objectsIn, valueAt, type PlainObject } from '../../k8s/objects.js';
import { isDefaultedTargetPort } from '../../k8s/ports.js';
import type { Issues } from '../issues.js';
import { atLeast, type KubernetesVersion } from '../version.js';
import { validateObjectMeta } from './metadata.js';
import { portNameProblem, portNumberProblem, validateLabels } from './names.js';

const SPEC: FieldPath = ['spec'];

/**
 * ValidateService on a defaulted Service (see defaults/service.ts; `written` is the manifest as written),
 * with the registry's create-time IP family checks (initIPFamilyFields). Checks that a dedicated rule
 * reports carry its id as owner.
 */
export function validateService(service: PlainObject, written: PlainObject, version: KubernetesVersion, issues: Issues): void {
  // ValidateService: ValidateObjectMeta with ValidateServiceName (a DNS-1035 label)
  validateObjectMeta(service, { nameRule: 'dns1035-label', nameOwner: 'service-name' }, issues);
  const spec = service['spec'];
  if (!isObject(spec)) return;
  const type = spec['type'];
  const headless = isHeadless(spec);
  const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];

  // ValidateService: ports are required unless headless or ExternalName
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    issues.required([...SPEC, 'ports'], 'is required: a Service that is not headless (clusterIP: None) or ExternalName needs at least one port; add one, such as `- port: 80`');
  }
  // ValidateService: validateServicePort for each port
  for (const { value: port, path } of objectsIn(service, ['spec', 'ports'])) {
    validateServicePort(port, path, isDefaultedTargetPort(valueAt(written, [...path, 'targetPort'])), issues);
  }

  // ValidateService: spec.selector is a label map
  validateLabels(spec['selector'], [...SPEC, 'selector'], issues);

  // ValidateService: healthCheckNodePort, when it is allowed, is a port number (its range is the allocator's)
  const healthCheckNodePort = spec['healthCheckNodePort'];
  if (type === 'LoadBalancer' && spec['externalTrafficPolicy'] === 'Local' && typeof healthCheckNodePort === 'number' && healthCheckNodePort !== 0) {
    const problem = portNumberProblem(healthCheckNodePort);
    if (problem !== undefined) issues.invalid([...SPEC, 'healthCheckNodePort'], problem);
  }

  validateTrafficDistribution(spec, version, issues);
  if (type !== 'ExternalName') {
    // clusterIPs filled from clusterIP (normalizeClusterIPs) is reported where the user wrote it.
    const clusterIPsPath: FieldPath = Array.isArray(valueAt(written, ['spec', 'clusterIPs'])) ? [...SPEC, 'clusterIPs'] : [...SPEC, 'clusterIP'];
    validateClusterIPsRelatedFields(spec, headless, clusterIPsPath, issues);
    validateIPFamilyPolicy(spec, issues);
  }
}

/** isHeadlessService: clusterIPs is exactly [None] (after normalizeClusterIPs). */
function isHeadless(spec: PlainObject): boolean {
  const ips = spec['clusterIPs'];
  return Array.isArray(ips) && ips.length === 1 && ips[0] === 'None';
}

/** validateServicePort: the checks no other rule reports (names: service-port-names; targetPort: service-target-port). */
function validateServicePort(port: PlainObject, path: FieldPath, defaultedTarget: boolean, issues: Issues): void {
  const number = port['port'];
  if (typeof number === 'number' && Number.isInteger(number)) {
    const problem = portNumberProblem(number);
    if (problem !== undefined) issues.invalid([...path, 'port'], problem);
  }
  // ValidatePortNumOrName on targetPort; a defaulted one is the port number, judged above.
  if (defaultedTarget) return;
  const target = port['targetPort'];
  const targetProblem = typeof target === 'number' ? portNumberProblem(target) : typeof target === 'string' ? portNameProblem(target) : undefined;
  if (targetProblem !== undefined) issues.invalid([...path, 'targetPort'], targetProblem, 'service-target-port');
}

/**
 * validateServiceTrafficDistribution. The field is new in 1.30 (ServiceTrafficDistribution, off by
 * default: the field is dropped), PreferClose from 1.31, PreferSameZone and PreferSameNode from 1.34
 * (PreferSameTrafficDistribution, on by default).
 */
function validateTrafficDistribution(spec: PlainObject, version: KubernetesVersion, issues: Issues): void {
  const value = spec['trafficDistribution'];
  if (value === undefined || value === null || version.minor === 30) return;
  const path: FieldPath = [...SPEC, 'trafficDistribution'];
  if (!atLeast(version, 30)) {
    issues.invalid(
      path,
      `is not a field of Kubernetes ${version.major}.${version.minor}, so strict decoding (kubectl's default) refuses it; it was added in 1.30. Remove it, or set kubernetesVersion if your cluster is newer`,
    );
    return;
  }
  if (typeof value !== 'string') return;
  const supported = atLeast(version, 34) ? ['PreferClose', 'PreferSameZone', 'PreferSameNode'] : ['PreferClose'];
  if (supported.includes(value)) return;
  const later = value === 'PreferSameZone' || value === 'PreferSameNode';
  const reason = `is ${JSON.stringify(value)}, which is not supported; use ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
  issues.invalid(path, later ? `${reason} (${value} is accepted from Kubernetes 1.34; set kubernetesVersion if your cluster is newer)` : reason);
}

/** ValidateServiceClusterIPsRelatedFields */
function validateClusterIPsRelatedFields(spec: PlainObject, headless: boolean, clusterIPsPath: FieldPath, issues: Issues): void {
  const at = (i: number): FieldPath => (clusterIPsPath.at(-1) === 'clusterIP' ? clusterIPsPath : [...clusterIPsPath, i]);
  const clusterIP = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  const clusterIPs = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as unknown[]) : [];
  const families = Array.isArray(spec['ipFamilies']) ? (spec['ipFamilies'] as unknown[]) : [];
  // clusterIP and clusterIPs must agree (normalizeClusterIPs already filled an empty clusterIPs)
  if (clusterIP !== '') {
    if (clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
      issues.invalid(clusterIPsPath, `starts with ${JSON.stringify(clusterIPs[0])}, but its first value must match clusterIP (${clusterIP}); list clusterIP first`);
    }
  } else if (clusterIPs.length > 0) {
    issues.invalid(
      clusterIPsPath,
      `must be empty when clusterIP is not set; set clusterIP to ${JSON.stringify(clusterIPs[0])} as well (both fields are needed), or remove clusterIPs`,
    );
  }
  // ipFamilies: IPv4 or IPv6 (the schema rule reports other values), each at most once
  const seen = new Set<unknown>();
  families.forEach((family, i) => {
    if (seen.has(family)) issues.invalid([...SPEC, 'ipFamilies', i], `repeats ${JSON.stringify(family)}; list each IP family once (IPv4, IPv6, or both for dual-stack)`);
    seen.add(family);
  });
  // clusterIPs: None only alone, valid IPs, at most two, one per family
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        issues.invalid(clusterIPsPath, "holds None with other values; 'None' (headless) must be the first and only value");
      }
      return;
    }
    if (typeof ip !== 'string' || !isIP(ip)) {
      invalidIPs = true;
      issues.invalid(
        at(i),
        `${JSON.stringify(ip)} is not a valid IP address; write an address such as 10.96.0.10 or fd00::10, None for a headless Service, or leave clusterIP out to have one allocated`,
      );
    }
  });
  if (clusterIPs.length > 2) issues.invalid(clusterIPsPath, `holds ${clusterIPs.length} values, but may only hold up to 2 (one IPv4 and one IPv6)`);
  if (invalidIPs) return;
  if (clusterIPs.length === 2 && familyOf(clusterIPs[0] as string) === familyOf(clusterIPs[1] as string)) {
    issues.invalid(clusterIPsPath, 'holds two addresses of one IP family; a dual-stack Service has at most one IPv4 and one IPv6 address');
  }
  if (!headless && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.slice(0, families.length).forEach((ip, i) => {
      const family = families[i];
      if ((family === 'IPv4' || family === 'IPv6') && familyOf(ip as string) !== family) {
        issues.invalid(at(i), `${String(ip)} is not an ${family} address, but ipFamilies[${i}] is ${family}; the addresses must be in the order of ipFamilies`);
      }
    });
  }
}

/**
 * initIPFamilyFields (registry): on create a policy left out is SingleStack, except RequireDualStack
 * for a headless Service without selector; SingleStack cannot hold two cluster IPs or two families.
 */
function validateIPFamilyPolicy(spec: PlainObject, issues: Issues): void {
  const written = spec['ipFamilyPolicy'];
  const selector = spec['selector'];
  const selectorless = !isObject(selector) || Object.keys(selector).length === 0;
  const policy = written ?? (spec['clusterIP'] === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack');
  if (policy !== 'SingleStack') return;
  const ips = Array.isArray(spec['clusterIPs']) ? spec['clusterIPs'].length : 0;
  const families = Array.isArray(spec['ipFamilies']) ? spec['ipFamilies'].length : 0;
  const what = ips === 2 ? 'two cluster IPs are' : families === 2 ? 'two IP families are' : undefined;
  if (what === undefined) return;
  const path: FieldPath = [...SPEC, 'ipFamilyPolicy'];
  if (written === undefined || written === null) {
    issues.required(path, `is not set, so it is SingleStack, but ${what} listed; add \`ipFamilyPolicy: PreferDualStack\` (or RequireDualStack)`);
  } else {
    issues.invalid(path, `is SingleStack, but ${what} listed; use RequireDualStack or PreferDualStack, or keep one`);
  }
}

function familyOf(ip: string): 'IPv4' | 'IPv6' | undefined {
  return isIPv4(ip) ? 'IPv4' : isIPv6(ip) ? 'IPv6' : undefined;
}
