import { isObject, type PlainObject } from '../../k8s/objects.js';

type Mutable = Record<string, unknown>;

/**
 * A Service as validation sees it on create: the v1 defaulters, then the registry's create-time
 * preparation. The input is not changed: the spec and its ports are copied (shallow, so values of any
 * depth cost nothing), and defaulting replaces values rather than editing them.
 */
export function defaultService(service: PlainObject): PlainObject {
  // PrepareForCreate (svcStrategy): status is dropped.
  const { status: _status, ...object } = service;
  const written = service['spec'];
  if (!isObject(written)) return object;
  const spec: Mutable = { ...written };
  if (Array.isArray(written['ports'])) spec['ports'] = written['ports'].map((port: unknown) => (isObject(port) ? { ...port } : port));
  setDefaultsService(spec);
  normalizeClusterIPs(spec);
  return { ...object, spec };
}

/** SetDefaults_Service (pkg/apis/core/v1/defaults.go) */
function setDefaultsService(spec: Mutable): void {
  if (spec['sessionAffinity'] === '' || spec['sessionAffinity'] === undefined || spec['sessionAffinity'] === null) spec['sessionAffinity'] = 'None';
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const config = spec['sessionAffinityConfig'];
    const clientIP = isObject(config) ? config['clientIP'] : undefined;
    if (!isObject(clientIP) || clientIP['timeoutSeconds'] === undefined || clientIP['timeoutSeconds'] === null) {
      spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  if (spec['type'] === '' || spec['type'] === undefined || spec['type'] === null) spec['type'] = 'ClusterIP';
  if (Array.isArray(spec['ports'])) {
    for (const port of spec['ports']) {
      if (!isObject(port)) continue;
      const p = port as Mutable;
      if (p['protocol'] === '' || p['protocol'] === undefined || p['protocol'] === null) p['protocol'] = 'TCP';
      const target = p['targetPort'];
      if (target === 0 || target === '' || target === undefined || target === null) p['targetPort'] = p['port'];
    }
  }
  const type = spec['type'];
  const externalIPs = spec['externalIPs'];
  // service.ExternallyAccessible
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && Array.isArray(externalIPs) && externalIPs.length > 0);
  if (external && (spec['externalTrafficPolicy'] === '' || spec['externalTrafficPolicy'] === undefined || spec['externalTrafficPolicy'] === null)) {
    spec['externalTrafficPolicy'] = 'Cluster';
  }
  if ((spec['internalTrafficPolicy'] === undefined || spec['internalTrafficPolicy'] === null) && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) {
    spec['internalTrafficPolicy'] = 'Cluster';
  }
  if (type === 'LoadBalancer' && (spec['allocateLoadBalancerNodePorts'] === undefined || spec['allocateLoadBalancerNodePorts'] === null)) {
    spec['allocateLoadBalancerNodePorts'] = true;
  }
}

/** Service REST storage beginCreate: normalizeClusterIPs fills clusterIPs from clusterIP, never the other way round. */
function normalizeClusterIPs(spec: Mutable): void {
  const clusterIP = spec['clusterIP'];
  const clusterIPs = spec['clusterIPs'];
  if (typeof clusterIP === 'string' && clusterIP !== '' && (clusterIPs === undefined || clusterIPs === null || (Array.isArray(clusterIPs) && clusterIPs.length === 0))) {
    spec['clusterIPs'] = [clusterIP];
  }
}
