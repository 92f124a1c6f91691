/**
 * Which controller turns a Service into an AWS load balancer, and how it reads the Service's scheme.
 * Mirrors the AWS Load Balancer Controller's `IsServiceSupported` (pkg/service/service_utils.go) and
 * the in-tree provider's `isNLB` (cloud-provider-aws aws_loadbalancer.go).
 */
import { annotationValue } from '../metadata.js';
import { stringField, type PlainObject } from '../objects.js';
import { serviceSpec, serviceType } from '../service.js';
import { awsCatalogue, SERVICE_PREFIX } from './catalogue.js';
import { parseGoBool } from './parse.js';
import type { ValueReader } from './values.js';

export const LB_TYPE = `${SERVICE_PREFIX}aws-load-balancer-type`;
export const NLB_TARGET_TYPE = `${SERVICE_PREFIX}aws-load-balancer-nlb-target-type`;
export const SCHEME = `${SERVICE_PREFIX}aws-load-balancer-scheme`;
export const INTERNAL = `${SERVICE_PREFIX}aws-load-balancer-internal`;

export type NlbHandler =
  /** The AWS Load Balancer Controller builds an NLB. */
  | { readonly kind: 'lbc'; readonly via: 'class' | 'external' | 'nlb-ip' | 'webhook' }
  /** The in-tree provider builds an NLB (`type: nlb`) or a Classic ELB (no or another type annotation). */
  | { readonly kind: 'in-tree'; readonly lb: 'nlb' | 'clb' }
  /** `type: external` without a valid target type and without a class: nobody reconciles it. */
  | { readonly kind: 'nobody' }
  /** Another controller's `spec.loadBalancerClass`. */
  | { readonly kind: 'other-class'; readonly loadBalancerClass: string }
  /** Not a load balancer (ClusterIP, NodePort, ExternalName without the controller's annotations). */
  | { readonly kind: 'none' };

export interface NlbHandlerOptions {
  /** Classes the AWS Load Balancer Controller reconciles (its `--load-balancer-class`). */
  readonly loadBalancerClasses?: readonly string[];
  /** The controller's mutating webhook gives new LoadBalancer Services its class (Helm `enableServiceMutatorWebhook`). */
  readonly serviceMutatorWebhook?: boolean;
}

export function nlbHandler(service: PlainObject, options: NlbHandlerOptions = {}): NlbHandler {
  const type = serviceType(service);
  const lbClass = stringField(serviceSpec(service), 'loadBalancerClass');
  const classes = options.loadBalancerClasses ?? [awsCatalogue().defaults.loadBalancerClass];
  if (type === 'LoadBalancer' && lbClass !== undefined && lbClass !== '') {
    return classes.includes(lbClass) ? { kind: 'lbc', via: 'class' } : { kind: 'other-class', loadBalancerClass: lbClass };
  }
  const lbType = annotationValue(service, LB_TYPE);
  // Without the ServiceTypeLoadBalancerOnly gate (off by default) the controller also takes
  // NodePort and ClusterIP Services that carry these annotations.
  if (lbType === 'nlb-ip') return { kind: 'lbc', via: 'nlb-ip' };
  if (lbType === 'external' && hasValidTargetType(service)) return { kind: 'lbc', via: 'external' };
  if (type !== 'LoadBalancer') return { kind: 'none' };
  if (options.serviceMutatorWebhook) return { kind: 'lbc', via: 'webhook' };
  if (lbType === 'external') return { kind: 'nobody' };
  return { kind: 'in-tree', lb: lbType === 'nlb' ? 'nlb' : 'clb' };
}

function hasValidTargetType(service: PlainObject): boolean {
  const target = annotationValue(service, NLB_TARGET_TYPE);
  return target === 'ip' || target === 'instance';
}

/** Who parses the Service's annotation values. */
export function valueReaderOf(handler: NlbHandler): ValueReader {
  if (handler.kind === 'lbc') return 'lbc';
  if (handler.kind === 'in-tree') return 'in-tree';
  return 'unknown';
}

export type Scheme = 'internal' | 'internet-facing';

/**
 * The scheme the handler gives the load balancer, with the annotation that decides it (undefined for a
 * default); undefined when a value is unparseable or the handler is not known.
 */
export function nlbScheme(service: PlainObject, handler: NlbHandler): { readonly scheme: Scheme; readonly from: string | undefined } | undefined {
  if (handler.kind === 'lbc') {
    const scheme = annotationValue(service, SCHEME);
    if (scheme !== undefined) return scheme === 'internal' || scheme === 'internet-facing' ? { scheme, from: SCHEME } : undefined;
    const internal = annotationValue(service, INTERNAL);
    if (internal !== undefined) {
      const parsed = parseGoBool(internal);
      return parsed === undefined ? undefined : { scheme: parsed ? 'internal' : 'internet-facing', from: INTERNAL };
    }
    return { scheme: 'internal', from: undefined };
  }
  if (handler.kind === 'in-tree') {
    const internal = annotationValue(service, INTERNAL);
    if (internal !== undefined && internal !== '' && internal !== 'false') return { scheme: 'internal', from: INTERNAL };
    return { scheme: 'internet-facing', from: internal === undefined ? undefined : INTERNAL };
  }
  return undefined;
}

/** A short phrase for messages: who handles the Service and why. */
export function describeHandler(handler: NlbHandler): string {
  switch (handler.kind) {
    case 'lbc':
      return {
        class: 'the AWS Load Balancer Controller (spec.loadBalancerClass)',
        external: 'the AWS Load Balancer Controller (aws-load-balancer-type external)',
        'nlb-ip': 'the AWS Load Balancer Controller (aws-load-balancer-type nlb-ip)',
        webhook: 'the AWS Load Balancer Controller (its webhook sets spec.loadBalancerClass)',
      }[handler.via];
    case 'in-tree':
      return handler.lb === 'nlb'
        ? 'the in-tree provider (aws-load-balancer-type nlb)'
        : 'the in-tree provider, which builds a Classic ELB (aws-load-balancer-type is not external or nlb)';
    case 'nobody':
      return 'no controller';
    case 'other-class':
      return `the controller of class ${handler.loadBalancerClass}`;
    case 'none':
      return 'no load balancer controller';
  }
}
