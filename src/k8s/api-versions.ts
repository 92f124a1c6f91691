/**
 * Networking apiVersions removed from Kubernetes, with the release that stopped serving them and
 * their replacement (the Kubernetes deprecated API migration guide).
 */
export interface RemovedApiVersion {
  readonly kind: string;
  readonly apiVersion: string;
  readonly removedIn: string;
  readonly replacement: string;
  /** What else changes in the conversion, for the message; empty when only the apiVersion changes. */
  readonly conversion: string;
}

const INGRESS_CONVERSION =
  ', and convert the backends: serviceName/servicePort become service.name and service.port.number (or service.port.name), spec.backend becomes spec.defaultBackend, and every path needs a pathType (ImplementationSpecific keeps the old matching)';

export const REMOVED_API_VERSIONS: readonly RemovedApiVersion[] = [
  { kind: 'Ingress', apiVersion: 'extensions/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1', conversion: INGRESS_CONVERSION },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1', conversion: INGRESS_CONVERSION },
  { kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', replacement: 'networking.k8s.io/v1', conversion: '' },
  { kind: 'NetworkPolicy', apiVersion: 'extensions/v1beta1', removedIn: '1.16', replacement: 'networking.k8s.io/v1', conversion: '' },
  {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1beta1',
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    conversion: ', and move each endpoint\'s topology["kubernetes.io/hostname"] to nodeName and topology["topology.kubernetes.io/zone"] to zone',
  },
];

/** The removal entry for a kind and apiVersion, or undefined when it is still served. */
export function removedApiVersion(kind: string, apiVersion: string): RemovedApiVersion | undefined {
  return REMOVED_API_VERSIONS.find((entry) => entry.kind === kind && entry.apiVersion === apiVersion);
}
