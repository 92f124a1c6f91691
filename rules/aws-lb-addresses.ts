import { defineRule } from '../src/api/types.js';
import { ALB_PREFIX, SERVICE_PREFIX } from '../src/k8s/aws/catalogue.js';
import { INTERNAL, nlbHandler, nlbScheme, SCHEME } from '../src/k8s/aws/nlb.js';
import { parseGoBool, splitList } from '../src/k8s/aws/parse.js';
import { annotationValue } from '../src/k8s/metadata.js';

const EIPS = `${SERVICE_PREFIX}aws-load-balancer-eip-allocations`;
const PRIVATE_IPS = `${SERVICE_PREFIX}aws-load-balancer-private-ipv4-addresses`;
const IPV6 = `${SERVICE_PREFIX}aws-load-balancer-ipv6-addresses`;
const SUBNETS = `${SERVICE_PREFIX}aws-load-balancer-subnets`;
const IP_ADDRESS_TYPE = `${SERVICE_PREFIX}aws-load-balancer-ip-address-type`;
const FRONTEND_ENABLED = `${ALB_PREFIX}enable-frontend-nlb`;
const FRONTEND_EIPS = `${ALB_PREFIX}frontend-nlb-eip-allocations`;
const FRONTEND_SCHEME = `${ALB_PREFIX}frontend-nlb-scheme`;
const FRONTEND_SUBNETS = `${ALB_PREFIX}frontend-nlb-subnets`;

/**
 * Why the load balancer has its scheme or address type, in the messages that show it:
 * the annotation and its value (or its default), or the controller's default. A report gives one of them.
 */
const WHY =
  '{{#setting}}{{setting}} is {{#value}}{{value}}{{/value}}{{^value}}not set and defaults to {{default}}{{/value}}{{/setting}}' +
  '{{#from}}from `{{from}}: {{fromValue}}`{{/from}}' +
  '{{#lbcDefault}}no scheme is set, and the AWS Load Balancer Controller defaults to internal{{/lbcDefault}}' +
  '{{#inTreeDefault}}no aws-load-balancer-internal is set, and the in-tree provider defaults to internet-facing{{/inTreeDefault}}';

/** The report data of WHY with no reason given; each report sets one. */
const NO_REASON = { setting: undefined, value: undefined, default: undefined, from: undefined, fromValue: undefined, lbcDefault: false, inTreeDefault: false } as const;

export default defineRule({
  meta: {
    id: 'aws-lb-addresses',
    description:
      'Static load balancer addresses must fit the scheme and the subnets: Elastic IPs need internet-facing, private IPv4 addresses need internal, IPv6 addresses need dualstack, and each list has one address per subnet.',
    remediation: 'Match the scheme to the addresses, and list exactly one address per subnet of `aws-load-balancer-subnets`.',
    category: 'aws',
    defaultSeverity: 'error',
    messages: {
      eipScheme:
        '`{{key}}` assigns Elastic IPs, but the load balancer is internal (' +
        WHY +
        '); Elastic IPs exist only on an internet-facing load balancer and the controller fails. Set `{{fix}}`',
      privateScheme:
        '`{{key}}` assigns private IPv4 addresses, but the load balancer is internet-facing (' + WHY + '); they are only allowed on an internal load balancer. Set `{{fix}}`',
      ipv6Dualstack: '`{{key}}` assigns IPv6 addresses, but the load balancer is not dualstack (' + WHY + '); set `{{ipAddressType}}: dualstack`',
      countMismatch: '`{{key}}` lists {{count}} address(es) but `{{subnetsKey}}` lists {{subnets}} subnet(s); the controller needs exactly one address per subnet',
    },
    kinds: ['Service', 'Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { report }) {
    const object = resource.object;
    const at = (key: string): readonly string[] => ['metadata', 'annotations', key];
    const counts = (keys: readonly string[], subnetsKey: string): void => {
      const subnets = annotationValue(object, subnetsKey);
      if (subnets === undefined) return;
      const expected = splitList(subnets).length;
      for (const key of keys) {
        const value = annotationValue(object, key);
        if (value === undefined) continue;
        const count = splitList(value).length;
        if (count !== expected) report({ messageId: 'countMismatch', at: at(key), data: { key, count, subnetsKey, subnets: expected } });
      }
    };

    if (resource.kind === 'Ingress') {
      if (parseGoBool(annotationValue(object, FRONTEND_ENABLED) ?? '') !== true) return;
      const scheme = annotationValue(object, FRONTEND_SCHEME);
      if (annotationValue(object, FRONTEND_EIPS) !== undefined && (scheme === undefined || scheme === 'internal')) {
        const why = { ...NO_REASON, setting: FRONTEND_SCHEME, value: scheme, default: 'internal' };
        report({ messageId: 'eipScheme', at: at(FRONTEND_EIPS), data: { key: FRONTEND_EIPS, ...why, fix: `${FRONTEND_SCHEME}: internet-facing` } });
      }
      counts([FRONTEND_EIPS], FRONTEND_SUBNETS);
      return;
    }

    const handler = nlbHandler(object);
    if (handler.kind !== 'lbc' && !(handler.kind === 'in-tree' && handler.lb === 'nlb')) return;
    const lbc = handler.kind === 'lbc';
    const scheme = nlbScheme(object, handler);
    if (scheme) {
      const why =
        scheme.from === undefined
          ? { ...NO_REASON, lbcDefault: lbc, inTreeDefault: !lbc }
          : { ...NO_REASON, from: scheme.from, fromValue: annotationValue(object, scheme.from) ?? '' };
      if (annotationValue(object, EIPS) !== undefined && scheme.scheme === 'internal') {
        report({ messageId: 'eipScheme', at: at(EIPS), data: { key: EIPS, ...why, fix: lbc ? `${SCHEME}: internet-facing` : `${INTERNAL}: "false"` } });
      }
      if (annotationValue(object, PRIVATE_IPS) !== undefined && scheme.scheme === 'internet-facing') {
        report({ messageId: 'privateScheme', at: at(PRIVATE_IPS), data: { key: PRIVATE_IPS, ...why, fix: lbc ? `${SCHEME}: internal` : `${INTERNAL}: "true"` } });
      }
    }
    if (lbc && annotationValue(object, IPV6) !== undefined) {
      const type = annotationValue(object, IP_ADDRESS_TYPE);
      if (type !== 'dualstack') {
        report({
          messageId: 'ipv6Dualstack',
          at: at(IPV6),
          data: { key: IPV6, ...NO_REASON, setting: IP_ADDRESS_TYPE, value: type, default: 'ipv4', ipAddressType: IP_ADDRESS_TYPE },
        });
      }
    }
    counts(lbc ? [EIPS, PRIVATE_IPS, IPV6] : [EIPS, PRIVATE_IPS], SUBNETS);
  },
});
