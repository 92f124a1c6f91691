import type { FieldPath } from '../../api/types.js';
import { isIP, nonStandardIP, qualifiedNameProblem, specialIPRange } from '../../k8s/dns.js';
import { objectsIn, type PlainObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { validateObjectMeta } from './metadata.js';
import { nameProblem, portNumberProblem } from './names.js';

/** ValidateEndpoints on a defaulted Endpoints object (SetDefaults_Endpoints: protocol TCP). */
export function validateEndpoints(endpoints: PlainObject, issues: Issues): void {
  // ValidateEndpoints: ValidateEndpointsName (a DNS-1123 subdomain)
  validateObjectMeta(endpoints, { nameRule: 'dns1123-subdomain' }, issues);
  // validateEndpointSubsets
  for (const { value: subset, path } of objectsIn(endpoints, ['subsets'])) {
    const addresses = objectsIn(subset, ['addresses']);
    const notReady = objectsIn(subset, ['notReadyAddresses']);
    if (addresses.length === 0 && notReady.length === 0) {
      issues.required(path, 'must list addresses or notReadyAddresses; add the backend IPs, or remove this subset');
    }
    for (const address of [...addresses, ...notReady]) validateEndpointAddress(address.value, [...path, ...address.path], issues);
    const ports = objectsIn(subset, ['ports']);
    for (const port of ports) validateEndpointPort(port.value, ports.length > 1, [...path, ...port.path], issues);
  }
}

/** validateEndpointAddress: an IP outside the special ranges (ValidateNonSpecialIP), a DNS-1123 label hostname. */
function validateEndpointAddress(address: PlainObject, path: FieldPath, issues: Issues): void {
  const ip = address['ip'];
  if (typeof ip === 'string') {
    if (!isIP(ip) && nonStandardIP(ip) === undefined) issues.invalid([...path, 'ip'], `"${ip}" is not a valid IP address; write one address such as 10.0.0.5 or fd00::5`);
    else {
      const range = specialIPRange(ip);
      if (range !== undefined) issues.invalid([...path, 'ip'], `${ip} is in the ${range} range, which endpoints may not use; list the address the backend is reached at`);
    }
  }
  const hostname = address['hostname'];
  if (typeof hostname === 'string' && hostname !== '') {
    const problem = nameProblem(hostname, 'dns1123-label');
    if (problem !== undefined) issues.invalid([...path, 'hostname'], problem);
  }
  const nodeName = address['nodeName'];
  if (typeof nodeName === 'string') {
    const problem = nameProblem(nodeName, 'dns1123-subdomain');
    if (problem !== undefined) issues.invalid([...path, 'nodeName'], problem);
  }
}

/** validateEndpointPort */
function validateEndpointPort(port: PlainObject, requireName: boolean, path: FieldPath, issues: Issues): void {
  const name = port['name'];
  if (requireName && (name === undefined || name === null || name === '')) {
    issues.required([...path, 'name'], 'is required when a subset has more than one port; give each port a unique name, such as http');
  } else if (typeof name === 'string' && name !== '') {
    const problem = nameProblem(name, 'dns1123-label');
    if (problem !== undefined) issues.invalid([...path, 'name'], problem);
  }
  const number = port['port'];
  if (typeof number === 'number' && Number.isInteger(number)) {
    const problem = portNumberProblem(number);
    if (problem !== undefined) issues.invalid([...path, 'port'], problem);
  }
  validateAppProtocol(port, path, issues);
}

/** ValidateQualifiedName on appProtocol */
export function validateAppProtocol(port: PlainObject, path: FieldPath, issues: Issues): void {
  const appProtocol = port['appProtocol'];
  if (typeof appProtocol !== 'string') return;
  const problem = qualifiedNameProblem(appProtocol);
  if (problem !== undefined) issues.invalid([...path, 'appProtocol'], `"${appProtocol}" ${problem}; write a qualified name such as http or kubernetes.io/h2c`);
}
