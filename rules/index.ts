// Generated from the files of rules/ by scripts/generate-rule-index.mjs (part of `npm run build`); do not edit.
import type { AnyRule } from '../src/api/types.js';
import admissionPolicy from './admission-policy.js';
import apiValidation from './api-validation.js';
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
import crdDefinition from './crd-definition.js';
import crdSchema from './crd-schema.js';
import crdValidation from './crd-validation.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import duplicateResource from './duplicate-resource.js';
import externalips from './externalips.js';
import externalnameFields from './externalname-fields.js';
import externalnameHost from './externalname-host.js';
import externalnameLocalhost from './externalname-localhost.js';
import externalnamePorts from './externalname-ports.js';
import headlessSelector from './headless-selector.js';
import ingressBackendPort from './ingress-backend-port.js';
import ingressBackendService from './ingress-backend-service.js';
import ingressBackendType from './ingress-backend-type.js';
import ingressClass from './ingress-class.js';
import ingressClassAllowed from './ingress-class-allowed.js';
import ingressClassConflict from './ingress-class-conflict.js';
import ingressDefaultBackend from './ingress-default-backend.js';
import ingressFields from './ingress-fields.js';
import ingressHostUnique from './ingress-host-unique.js';
import ingressHostWildcard from './ingress-host-wildcard.js';
import ingressHttpsOnly from './ingress-https-only.js';
import ingressNginxAnnotations from './ingress-nginx-annotations.js';
import ingressPath from './ingress-path.js';
import ingressTls from './ingress-tls.js';
import kubeProxyMode from './kube-proxy-mode.js';
import lbSourceRanges from './lb-source-ranges.js';
import loadbalancerFields from './loadbalancer-fields.js';
import loadbalancerInternal from './loadbalancer-internal.js';
import loadbalancerTls from './loadbalancer-tls.js';
import networkpolicyAllowAll from './networkpolicy-allow-all.js';
import networkpolicyCoverage from './networkpolicy-coverage.js';
import networkpolicyDefaultDeny from './networkpolicy-default-deny.js';
import networkpolicyFields from './networkpolicy-fields.js';
import networkpolicyPolicyTypes from './networkpolicy-policy-types.js';
import networkpolicyPorts from './networkpolicy-ports.js';
import networkpolicySelectorMatch from './networkpolicy-selector-match.js';
import nodeportConflict from './nodeport-conflict.js';
import nodeportRange from './nodeport-range.js';
import nodeportStaticBand from './nodeport-static-band.js';
import nodeportType from './nodeport-type.js';
import routeBackend from './route-backend.js';
import schema from './schema.js';
import serviceAppProtocol from './service-app-protocol.js';
import serviceExternalIps from './service-external-ips.js';
import serviceName from './service-name.js';
import servicePortDuplicate from './service-port-duplicate.js';
import servicePortNames from './service-port-names.js';
import servicePortRange from './service-port-range.js';
import serviceSelectorMatch from './service-selector-match.js';
import serviceSelectorUnique from './service-selector-unique.js';
import serviceTargetPort from './service-target-port.js';
import serviceTopologyAnnotations from './service-topology-annotations.js';
import serviceTypeAllowed from './service-type-allowed.js';
import sessionAffinity from './session-affinity.js';
import statefulsetService from './statefulset-service.js';
import trafficPolicy from './traffic-policy.js';

/** Every rule, by id. A rule's id equals its file name. */
export const rules: readonly AnyRule[] = [
  admissionPolicy,
  apiValidation,
  awsAlbGroup,
  awsAlbListeners,
  awsAlbTargetType,
  awsAnnotationDeprecated,
  awsAnnotationPlacement,
  awsAnnotationUnknown,
  awsAnnotationValue,
  awsLbAddresses,
  awsNlbController,
  awsNlbTls,
  crdDefinition,
  crdSchema,
  crdValidation,
  deprecatedApiVersion,
  duplicateResource,
  externalips,
  externalnameFields,
  externalnameHost,
  externalnameLocalhost,
  externalnamePorts,
  headlessSelector,
  ingressBackendPort,
  ingressBackendService,
  ingressBackendType,
  ingressClass,
  ingressClassAllowed,
  ingressClassConflict,
  ingressDefaultBackend,
  ingressFields,
  ingressHostUnique,
  ingressHostWildcard,
  ingressHttpsOnly,
  ingressNginxAnnotations,
  ingressPath,
  ingressTls,
  kubeProxyMode,
  lbSourceRanges,
  loadbalancerFields,
  loadbalancerInternal,
  loadbalancerTls,
  networkpolicyAllowAll,
  networkpolicyCoverage,
  networkpolicyDefaultDeny,
  networkpolicyFields,
  networkpolicyPolicyTypes,
  networkpolicyPorts,
  networkpolicySelectorMatch,
  nodeportConflict,
  nodeportRange,
  nodeportStaticBand,
  nodeportType,
  routeBackend,
  schema,
  serviceAppProtocol,
  serviceExternalIps,
  serviceName,
  servicePortDuplicate,
  servicePortNames,
  servicePortRange,
  serviceSelectorMatch,
  serviceSelectorUnique,
  serviceTargetPort,
  serviceTopologyAnnotations,
  serviceTypeAllowed,
  sessionAffinity,
  statefulsetService,
  trafficPolicy,
];
