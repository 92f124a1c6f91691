import type { AnyRule } from '../src/api/types.js';
import duplicateResource from './duplicate-resource.js';
import headlessSelector from './headless-selector.js';
import nodeportConflict from './nodeport-conflict.js';
import nodeportRange from './nodeport-range.js';
import nodeportStaticBand from './nodeport-static-band.js';
import nodeportType from './nodeport-type.js';
import schema from './schema.js';
import serviceSelectorMatch from './service-selector-match.js';
import serviceTargetPort from './service-target-port.js';
import statefulsetService from './statefulset-service.js';
import externalnameFields from './externalname-fields.js';
import externalnameHost from './externalname-host.js';
import externalnamePorts from './externalname-ports.js';
import kubeProxyMode from './kube-proxy-mode.js';
import lbSourceRanges from './lb-source-ranges.js';
import loadbalancerFields from './loadbalancer-fields.js';
import servicePortNames from './service-port-names.js';
import servicePortDuplicate from './service-port-duplicate.js';
import serviceAppProtocol from './service-app-protocol.js';
import serviceName from './service-name.js';
import serviceExternalIps from './service-external-ips.js';
import serviceTopologyAnnotations from './service-topology-annotations.js';
import sessionAffinity from './session-affinity.js';
import trafficPolicy from './traffic-policy.js';
import awsAlbGroup from './aws-alb-group.js';
import awsAlbListeners from './aws-alb-listeners.js';
import awsAlbTargetType from './aws-alb-target-type.js';
import awsAnnotationDeprecated from './aws-annotation-deprecated.js';
import awsAnnotationPlacement from './aws-annotation-placement.js';
import awsAnnotationUnknown from './aws-annotation-unknown.js';
import awsAnnotationValue from './aws-annotation-value.js';
import awsLbAddresses from './aws-lb-addresses.js';
import awsNlbController from './aws-nlb-controller.js';
import awsNlbTls from './aws-nlb-tls.js';
import ingressClassConflict from './ingress-class-conflict.js';
import networkpolicyDefaultDeny from './networkpolicy-default-deny.js';
import networkpolicyAllowAll from './networkpolicy-allow-all.js';
import networkpolicySelectorMatch from './networkpolicy-selector-match.js';
import networkpolicyPolicyTypes from './networkpolicy-policy-types.js';
import networkpolicyPorts from './networkpolicy-ports.js';
import networkpolicyFields from './networkpolicy-fields.js';
import ingressBackendService from './ingress-backend-service.js';
import ingressBackendPort from './ingress-backend-port.js';
import ingressBackendType from './ingress-backend-type.js';
import ingressPath from './ingress-path.js';
import ingressTls from './ingress-tls.js';
import ingressClass from './ingress-class.js';
import ingressFields from './ingress-fields.js';
import routeBackend from './route-backend.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import apiValidation from './api-validation.js';
import admissionPolicy from './admission-policy.js';
import externalips from './externalips.js';
import externalnameLocalhost from './externalname-localhost.js';
import ingressNginxAnnotations from './ingress-nginx-annotations.js';
import serviceTypeAllowed from './service-type-allowed.js';
import loadbalancerInternal from './loadbalancer-internal.js';
import loadbalancerTls from './loadbalancer-tls.js';
import ingressHttpsOnly from './ingress-https-only.js';
import ingressClassAllowed from './ingress-class-allowed.js';
import ingressHostWildcard from './ingress-host-wildcard.js';
import ingressDefaultBackend from './ingress-default-backend.js';
import servicePortRange from './service-port-range.js';
import ingressHostUnique from './ingress-host-unique.js';
import serviceSelectorUnique from './service-selector-unique.js';
import networkpolicyCoverage from './networkpolicy-coverage.js';
import crdSchema from './crd-schema.js';
import crdDefinition from './crd-definition.js';
import crdValidation from './crd-validation.js';

/** Every rule, by id. A rule's id equals its file name. */
export const rules: readonly AnyRule[] = [
  schema,
  duplicateResource,
  nodeportRange,
  nodeportType,
  nodeportConflict,
  nodeportStaticBand,
  serviceSelectorMatch,
  serviceTargetPort,
  headlessSelector,
  statefulsetService,
  servicePortNames,
  servicePortDuplicate,
  serviceAppProtocol,
  serviceName,
  serviceExternalIps,
  serviceTopologyAnnotations,
  externalnameHost,
  externalnamePorts,
  externalnameFields,
  trafficPolicy,
  sessionAffinity,
  lbSourceRanges,
  loadbalancerFields,
  kubeProxyMode,
  awsAnnotationUnknown,
  awsAnnotationValue,
  awsAnnotationPlacement,
  awsAnnotationDeprecated,
  awsNlbController,
  awsNlbTls,
  awsLbAddresses,
  awsAlbTargetType,
  awsAlbListeners,
  awsAlbGroup,
  ingressClassConflict,
  networkpolicyDefaultDeny,
  networkpolicyAllowAll,
  networkpolicySelectorMatch,
  networkpolicyPolicyTypes,
  networkpolicyPorts,
  networkpolicyFields,
  ingressBackendService,
  ingressBackendPort,
  ingressBackendType,
  ingressPath,
  ingressTls,
  ingressClass,
  ingressFields,
  routeBackend,
  deprecatedApiVersion,
  apiValidation,
  admissionPolicy,
  externalips,
  externalnameLocalhost,
  ingressNginxAnnotations,
  serviceTypeAllowed,
  loadbalancerInternal,
  loadbalancerTls,
  ingressHttpsOnly,
  ingressClassAllowed,
  ingressHostWildcard,
  ingressDefaultBackend,
  servicePortRange,
  ingressHostUnique,
  serviceSelectorUnique,
  networkpolicyCoverage,
  crdSchema,
  crdDefinition,
  crdValidation,
];
