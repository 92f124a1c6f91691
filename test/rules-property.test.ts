// Property (issue 7): no rule ever throws, whatever shape the objects have. Random objects of the
// kinds the rules check, with random fields: the right names holding values of any type (strings where
// lists go, lists where maps go, nulls, numbers), a few at a time so that the cross-resource rules meet
// each other's objects too. The engine turns a throwing rule into a `crash` finding; none may appear.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/engine/registry.js';
import { kindEntry } from '../src/model/kinds.js';
import { lintObjects } from './harness/objects.js';

const RULE_KINDS = [...new Set(RULES.flatMap((rule) => rule.meta.kinds).filter((kind) => kind !== '*'))].sort();
/** The apiVersions a kind is written with (src/model/kinds.ts). */
const apiVersionsOf = (kind: string): readonly string[] => kindEntry(kind)!.apiVersions;

const AWS_KEYS = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schemas', 'aws-annotations.json'), 'utf8')) as { annotations: { key: string }[] }).annotations
  .map((a) => a.key)
  .filter((_, i) => i % 6 === 0);

/** Field names the rules read, so that random objects reach into their code paths. */
const FIELDS = [
  'spec',
  'metadata',
  'name',
  'namespace',
  'labels',
  'annotations',
  'type',
  'selector',
  'ports',
  'port',
  'targetPort',
  'nodePort',
  'protocol',
  'appProtocol',
  'clusterIP',
  'clusterIPs',
  'externalName',
  'externalTrafficPolicy',
  'internalTrafficPolicy',
  'healthCheckNodePort',
  'sessionAffinity',
  'sessionAffinityConfig',
  'loadBalancerSourceRanges',
  'loadBalancerClass',
  'loadBalancerIP',
  'ipFamilies',
  'ipFamilyPolicy',
  'template',
  'containers',
  'initContainers',
  'containerPort',
  'serviceName',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
  'rules',
  'host',
  'http',
  'paths',
  'path',
  'pathType',
  'backend',
  'service',
  'number',
  'defaultBackend',
  'resource',
  'ingressClassName',
  'tls',
  'hosts',
  'secretName',
  'podSelector',
  'namespaceSelector',
  'policyTypes',
  'ingress',
  'egress',
  'from',
  'to',
  'ipBlock',
  'cidr',
  'except',
  'endPort',
  'data',
  'parentRefs',
  'backendRefs',
  'controller',
  'parameters',
  'endpoints',
  'addresses',
  'jobTemplate',
  'items',
  'config.conf',
  'kubernetes.io/ingress.class',
  'k8s-svc-lint.io/ignore',
  'kubernetes.io/service-name',
  'app',
  'externalIPs',
  'service.kubernetes.io/topology-mode',
  'service.kubernetes.io/topology-aware-hints',
  ...AWS_KEYS,
];

const STRINGS = fc.constantFrom(
  '',
  'web',
  'http',
  '80',
  '8080',
  'None',
  'ClusterIP',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
  'TCP',
  'UDP',
  'alb',
  'ip',
  'instance',
  'internet-facing',
  'Local',
  'Cluster',
  'Ingress',
  'Egress',
  'In',
  'NotIn',
  'Exists',
  'Prefix',
  'Exact',
  '10.0.0.0/8',
  '::/0',
  'example.com',
  '*',
  '[{"HTTPS": 443}]',
  'mode: ipvs',
  'a=b,c',
  'true',
  '-1',
  'Ünïcödé',
  'x'.repeat(300),
);
const SCALARS = fc.oneof(STRINGS, fc.string({ maxLength: 12 }), fc.integer({ min: -2, max: 70_000 }), fc.double(), fc.boolean(), fc.constant(null));

const { value: VALUE } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    SCALARS,
    fc.array(tie('value'), { maxLength: 3 }),
    // Plain objects, as YAML decodes them (fast-check would also make some without a prototype).
    fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
}));

/** Any object of a rule's kind, with random fields: broad, but rarely deep inside a rule. */
const RANDOM_OBJECT = fc.constantFrom(...RULE_KINDS).chain((kind) =>
  fc.record(
    {
      apiVersion: fc.constantFrom(...apiVersionsOf(kind)),
      kind: fc.constant(kind),
      metadata: fc.oneof(
        fc.record({ name: fc.oneof(STRINGS, SCALARS), namespace: fc.constantFrom('default', 'prod', ''), labels: VALUE, annotations: VALUE }, { requiredKeys: ['name'] }),
        VALUE,
      ),
      spec: VALUE,
      data: VALUE,
    },
    { requiredKeys: ['apiVersion', 'kind'] },
  ),
);

const POD_SPEC = { containers: [{ name: 'app', image: 'app:1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] };
const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: POD_SPEC };

/** Well-formed objects of every kind the rules check; mutated below, they take rules deep into their code. */
const WELL_FORMED: readonly Record<string, unknown>[] = [
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'web',
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        'service.beta.kubernetes.io/aws-load-balancer-ssl-ports': 'https',
        'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8',
      },
    },
    spec: {
      type: 'LoadBalancer',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', nodePort: 30080 },
        { name: 'https', port: 443, targetPort: 8080, protocol: 'TCP' },
      ],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30001,
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } },
      loadBalancerSourceRanges: ['10.0.0.0/8'],
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', ports: [{ port: 5432 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'db.example.com', ports: [{ port: 5432 }] } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: TEMPLATE } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: TEMPLATE } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'job' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: TEMPLATE } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', labels: { app: 'web' } }, spec: POD_SPEC },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'web',
      annotations: {
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS": 443}]',
        'alb.ingress.kubernetes.io/group.name': 'shared',
        'alb.ingress.kubernetes.io/target-type': 'instance',
        'kubernetes.io/ingress.class': 'alb',
      },
    },
    spec: {
      ingressClassName: 'alb',
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      tls: [{ hosts: ['example.com'], secretName: 'tls' }],
      rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
    },
  },
  { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'old' }, spec: { backend: { serviceName: 'web', servicePort: 80 } } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'alb', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: { controller: 'ingress.k8s.aws/alb', parameters: { kind: 'IngressClassParams', name: 'p' } },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow' },
    spec: {
      podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
          ports: [
            { port: 'http', protocol: 'TCP' },
            { port: 80, endPort: 90 },
          ],
        },
      ],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
    },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { team: 'a' } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data: { 'config.conf': 'mode: ipvs\nipvs:\n  scheduler: rr\n' } },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'db-1', labels: { 'kubernetes.io/service-name': 'db' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'] }],
    ports: [{ port: 5432 }],
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'route' },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  },
];

/** Every path inside a value (`['spec', 'ports', 0]`, ...), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A copy of `root` with the value at `path` replaced (or removed when `replacement` is the `remove` marker). */
function replaceAt(root: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  if (rest.length === 0 && replacement === REMOVE) delete copy[head!];
  else copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}
const REMOVE = Symbol('remove');

/** A well-formed object with one to three fields replaced by values of any type, or removed. */
const MUTATED_OBJECT = fc.constantFrom(...WELL_FORMED).chain((object) => {
  const paths = pathsOf(object);
  return fc
    .array(fc.tuple(fc.constantFrom(...paths), fc.oneof(VALUE, fc.constant(REMOVE))), { minLength: 1, maxLength: 3 })
    .map((mutations) => mutations.reduce<unknown>((current, [path, value]) => replaceAt(current, path, value), object));
});

const OBJECT = fc.oneof(MUTATED_OBJECT, MUTATED_OBJECT, RANDOM_OBJECT);

describe('every rule on random objects', () => {
  it(`never throws (${RULE_KINDS.length} kinds; well-formed objects with fields replaced by any type, and random objects)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(OBJECT, { minLength: 1, maxLength: 6 }), async (objects) => {
        const { diagnostics } = await lintObjects(objects);
        const crashes = diagnostics.filter((d) => d.messageId === 'crash').map((d) => d.message);
        expect(crashes).toEqual([]);
      }),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 400) },
    );
  }, 60_000);
});
