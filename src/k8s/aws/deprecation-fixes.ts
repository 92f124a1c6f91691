/**
 * Fixes for deprecated AWS load balancer annotations, where the replacement means exactly what the
 * deprecated form meant to the controller that reads it:
 * - `aws-load-balancer-type: nlb-ip` → `external` with `aws-load-balancer-nlb-target-type: ip` (the
 *   controller ignores the target type annotation under nlb-ip, so an existing one is set to `ip`).
 * - `kubernetes.io/ingress.class: <class>` → `spec.ingressClassName: <class>`, the annotation removed:
 *   only for a valid IngressClass name, and not when the input holds IngressClasses but none of that
 *   name (the field names an IngressClass object; the annotation matched the controller's flag).
 * - `alb.ingress.kubernetes.io/web-acl-id` → `waf-acl-id`, the same value: the controller reads the old
 *   key only when the new one is absent, so only then.
 * - `aws-load-balancer-internal: "true"` → `aws-load-balancer-scheme: internal`, when no scheme is set.
 *   A false value is left alone: it means the controller's default scheme, `internal`, which is
 *   seldom what its author meant, so neither replacement is safe.
 * The access-log and cross-zone keys are left to the user: they merge into the comma-separated
 * `aws-load-balancer-attributes`, and the bucket keys count only while logging is enabled.
 */
import type { FixOperation } from '../../api/types.js';
import { isDns1123Subdomain } from '../dns.js';
import { INGRESS_CLASS_ANNOTATION } from '../ingress.js';
import { annotationEntries } from '../metadata.js';
import { valueAt, type PlainObject } from '../objects.js';
import { ALB_PREFIX } from './catalogue.js';
import { INTERNAL, LB_TYPE, NLB_TARGET_TYPE, SCHEME } from './nlb.js';
import { parseGoBool } from './parse.js';

const WEB_ACL_ID = `${ALB_PREFIX}web-acl-id`;
const WAF_ACL_ID = `${ALB_PREFIX}waf-acl-id`;

/** The fix for a deprecated annotation value, if there is a safe one. */
export function deprecatedValueFix(key: string, value: string): FixOperation[] | undefined {
  if (key === LB_TYPE && value === 'nlb-ip') {
    return [
      { op: 'set', at: annotationPath(LB_TYPE), value: 'external' },
      { op: 'set', at: annotationPath(NLB_TARGET_TYPE), value: 'ip', place: { after: LB_TYPE } },
    ];
  }
  return undefined;
}

/**
 * The fix for a deprecated annotation key, if there is a safe one. `ingressClassNames` lists the
 * IngressClasses of the input.
 */
export function deprecatedKeyFix(object: PlainObject, key: string, value: unknown, ingressClassNames: () => readonly string[]): FixOperation[] | undefined {
  const annotations = annotationEntries(object);
  const has = (name: string): boolean => annotations.some((entry) => entry.key === name);
  if (key === INGRESS_CLASS_ANNOTATION) {
    if (typeof value !== 'string' || !isDns1123Subdomain(value) || valueAt(object, ['spec', 'ingressClassName']) !== undefined) return undefined;
    const classes = ingressClassNames();
    if (classes.length > 0 && !classes.includes(value)) return undefined;
    return [{ op: 'set', at: ['spec', 'ingressClassName'], value, place: 'first' }, removeAnnotation(annotations.length, key)];
  }
  if (key === WEB_ACL_ID) {
    if (has(WAF_ACL_ID)) return undefined;
    return [{ op: 'rename', at: annotationPath(WEB_ACL_ID), to: WAF_ACL_ID }];
  }
  if (key === INTERNAL) {
    if (typeof value !== 'string' || parseGoBool(value) !== true || has(SCHEME)) return undefined;
    return [
      { op: 'set', at: annotationPath(INTERNAL), value: 'internal' },
      { op: 'rename', at: annotationPath(INTERNAL), to: SCHEME },
    ];
  }
  return undefined;
}

function annotationPath(key: string): string[] {
  return ['metadata', 'annotations', key];
}

/** Deleting the only annotation deletes `annotations`: an emptied block map would read as null. */
function removeAnnotation(count: number, key: string): FixOperation {
  return count === 1 ? { op: 'delete', at: ['metadata', 'annotations'] } : { op: 'delete', at: annotationPath(key) };
}
