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
        '`{{key}}` assigns Elastic IPs, but the load balancer is internal ({{why}}); Elastic IPs exist only on an internet-facing load balancer and the controller fails. Set `{{fix}}`',
      privateScheme:
        '`{{key}}` assigns private IPv4 addresses, but the load balancer is internet-facing ({{why}}); they are only allowed on an internal load balancer. Set `{{fix}}`',
      ipv6Dualstack:
        '`{{key}}` assigns IPv6 addresses, but the load balancer is not dualstack ({{why}}); set `{{ipAddressType}}: dualstack`',
      countMismatch:
        '`{{key}}` lists {{count}} address(es) but `{{subnetsKey}}` lists {{subnets}} subnet(s); the controller needs exactly one address per subnet',
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
        const why = scheme === undefined ? `${FRONTEND_SCHEME} is not set and defaults to internal` : `${FRONTEND_SCHEME} is internal`;
        report({ messageId: 'eipScheme', at: at(FRONTEND_EIPS), data: { key: FRONTEND_EIPS, why, fix: `${FRONTEND_SCHEME}: internet-facing` } });
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
          ? lbc
            ? 'no scheme is set, and the AWS Load Balancer Controller defaults to internal'
            : 'no aws-load-balancer-internal is set, and the in-tree provider defaults to internet-facing'
          : `from \`${scheme.from}: ${annotationValue(object, scheme.from) ?? ''}\``;
      if (annotationValue(object, EIPS) !== undefined && scheme.scheme === 'internal') {
        report({ messageId: 'eipScheme', at: at(EIPS), data: { key: EIPS, why, fix: lbc ? `${SCHEME}: internet-facing` : `${INTERNAL}: "false"` } });
      }
      if (annotationValue(object, PRIVATE_IPS) !== undefined && scheme.scheme === 'internet-facing') {
        report({ messageId: 'privateScheme', at: at(PRIVATE_IPS), data: { key: PRIVATE_IPS, why, fix: lbc ? `${SCHEME}: internal` : `${INTERNAL}: "true"` } });
      }
    }
    if (lbc && annotationValue(object, IPV6) !== undefined) {
      const type = annotationValue(object, IP_ADDRESS_TYPE);
      if (type !== 'dualstack') {
        const why = type === undefined ? `${IP_ADDRESS_TYPE} is not set and defaults to ipv4` : `${IP_ADDRESS_TYPE} is ${type}`;
        report({ messageId: 'ipv6Dualstack', at: at(IPV6), data: { key: IPV6, why, ipAddressType: IP_ADDRESS_TYPE } });
      }
    }
    counts(lbc ? [EIPS, PRIVATE_IPS, IPV6] : [EIPS, PRIVATE_IPS], SUBNETS);
  },
});
