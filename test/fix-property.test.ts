// Property: `--fix` converges and is idempotent, whatever the layout. Random manifests of the shapes
// the fixes handle (v1beta1 Ingresses, IngressClasses, NetworkPolicies and EndpointSlices, Services
// with deprecated AWS annotations and enum or quoting mistakes), written in block, flow or JSON style,
// with either sequence indentation, 2 or 4 spaces, LF or CRLF, comments on and between lines, a
// document stream or a `kind: List`.
// After --fix no finding offers a fix any more (every offered fix was applied), every comment is
// still there, and a second --fix changes nothing. Each fix is also checked inside the engine: the
// new text must decode to exactly what its operations mean.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });
/** An object without its undefined fields (they stand for "absent"). */
const defined = (object: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

const SERVICE_PORT = fc.oneof(fc.constant(80), fc.constant(8080), fc.constant('http'), fc.constant('80'));
const BACKEND = fc.record({ serviceName: fc.constantFrom('web', 'api'), servicePort: SERVICE_PORT }).map(defined);

const HTTP_PATH = fc.record({ path: maybe(fc.constantFrom('/', '/api')), pathType: maybe(fc.constantFrom('Prefix', 'Exact')), backend: BACKEND }).map(defined);

const INGRESS_ANNOTATIONS = fc
  .record({
    'kubernetes.io/ingress.class': maybe(fc.constantFrom('alb', 'nginx')),
    'alb.ingress.kubernetes.io/scheme': maybe(fc.constant('internal')),
    'alb.ingress.kubernetes.io/web-acl-id': maybe(fc.constant('0a1b2c3d')),
  })
  .map(defined);

const INGRESS = fc
  .record({
    apiVersion: fc.constantFrom('extensions/v1beta1', 'networking.k8s.io/v1beta1'),
    annotations: INGRESS_ANNOTATIONS,
    backend: maybe(BACKEND),
    rules: fc.array(fc.record({ host: maybe(fc.constant('shop.example.com')), paths: fc.array(HTTP_PATH, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
    name: fc.constantFrom('web', 'shop'),
  })
  .map(({ apiVersion, annotations, backend, rules, name }) => ({
    apiVersion,
    kind: 'Ingress',
    metadata: defined({ name, namespace: 'shop', annotations: Object.keys(annotations).length > 0 ? annotations : undefined }),
    spec: defined({ backend, rules: rules.map((r) => defined({ host: r.host, http: { paths: r.paths } })) }),
  }));

const SERVICE = fc
  .record({
    type: fc.constantFrom('LoadBalancer', 'loadbalancer', 'CLusterIP', 'NodePort'),
    lbType: maybe(fc.constantFrom('nlb-ip', 'external', 'nlb')),
    targetType: maybe(fc.constantFrom('ip', 'instance')),
    internal: maybe(fc.constantFrom('true', 'false')),
    protocol: maybe(fc.constantFrom('tcp', 'TCP', 'udp')),
    port: fc.constantFrom(80, '80'),
  })
  .map(({ type, lbType, targetType, internal, protocol, port }) => {
    const annotations = defined({
      'service.beta.kubernetes.io/aws-load-balancer-type': lbType,
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': targetType,
      'service.beta.kubernetes.io/aws-load-balancer-internal': internal,
    });
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: defined({ name: 'web', namespace: 'shop', annotations: Object.keys(annotations).length > 0 ? annotations : undefined }),
      spec: { type, selector: { app: 'web' }, ports: [defined({ name: 'http', port, protocol })] },
    };
  });

const NETWORK_POLICY = fc
  .record({ apiVersion: fc.constantFrom('extensions/v1beta1', 'networking.k8s.io/v1'), protocol: fc.constantFrom('tcp', 'TCP'), port: fc.constantFrom('8080', 8080) })
  .map(({ apiVersion, protocol, port }) => ({
    apiVersion,
    kind: 'NetworkPolicy',
    metadata: { name: 'allow', namespace: 'shop' },
    spec: { podSelector: {}, ingress: [{ ports: [{ protocol, port }] }] },
  }));

const ENDPOINT_SLICE = fc
  .array(
    fc.record({
      nodeName: maybe(fc.constant('node-1')),
      topology: maybe(
        fc
          .record({
            'kubernetes.io/hostname': maybe(fc.constantFrom('node-1', 'node-2')),
            'topology.kubernetes.io/zone': maybe(fc.constant('eu-west-1a')),
            'example.com/rack': maybe(fc.constant('r1')),
          })
          .map(defined),
      ),
    }),
    { maxLength: 2 },
  )
  .map((endpoints) => ({
    apiVersion: 'discovery.k8s.io/v1beta1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => defined({ addresses: ['10.0.0.1'], ...e })),
  }));

const INGRESS_CLASS = fc.constantFrom('networking.k8s.io/v1beta1', 'networking.k8s.io/v1').map((apiVersion) => ({
  apiVersion,
  kind: 'IngressClass',
  metadata: { name: 'alb' },
  spec: { controller: 'ingress.k8s.aws/alb' },
}));

const OBJECTS = fc.array(fc.oneof(INGRESS, INGRESS, SERVICE, NETWORK_POLICY, ENDPOINT_SLICE, INGRESS_CLASS), { minLength: 1, maxLength: 4 });

const LAYOUT = fc.record({
  style: fc.constantFrom('block', 'flow', 'any', 'json'),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  list: fc.boolean(),
  crlf: fc.boolean(),
  /** Block style only: a comment after every `comments`-th line and a comment line before every other one; 0 for none. */
  comments: fc.constantFrom(0, 2, 3),
});

function render(objects: readonly unknown[], layout: { style: string; indent: number; indentSeq: boolean; list: boolean; crlf: boolean; comments: number }): string {
  const documents = layout.list ? [{ apiVersion: 'v1', kind: 'List', items: objects }] : objects;
  let text: string;
  if (layout.style === 'json') text = documents.map((d) => JSON.stringify(d, null, layout.indent)).join('\n---\n');
  else {
    const options = { indent: layout.indent, indentSeq: layout.indentSeq, lineWidth: 0, version: '1.1' as const, collectionStyle: layout.style as 'block' | 'flow' | 'any' };
    text = documents.map((d) => stringify(d, options)).join('---\n');
    if (layout.style === 'block' && layout.comments > 0) {
      const lines = text.split('\n');
      text = lines
        .map((line, i) => {
          if (line === '' || line === '---') return line;
          const indent = /^[ -]*/.exec(line)![0].replace(/-/g, ' ');
          const before = i % (layout.comments * 2) === 1 ? `${indent}# before line ${i}\n` : '';
          return `${before}${line}${i % layout.comments === 0 ? ` # line ${i}` : ''}`;
        })
        .join('\n');
    }
  }
  return layout.crlf ? text.replace(/\n/g, '\r\n') : text;
}

describe('--fix on random manifests', () => {
  it('leaves no finding with a fix, and a second --fix changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(OBJECTS, LAYOUT, async (objects, layout) => {
        const text = render(objects, layout);
        const first = await lintText(text, { filePath: 'manifests.yaml', fix: true });
        // The yaml library writes a few invalid texts (`rules:\n  []` without sequence indentation); a file with a syntax error is never fixed.
        if (first.diagnostics.some((d) => d.fatal)) return;
        expect(first.diagnostics.filter((d) => d.fix !== undefined).map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
        const fixed = first.results[0]!.output ?? text;
        if (layout.crlf) expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
        // Every comment is kept (one on a deleted line moves to a line of its own).
        const comments = (t: string): string[] => (t.match(/# (before )?line \d+/g) ?? []).sort();
        expect(comments(fixed)).toEqual(comments(text));
        const second = await lintText(fixed, { filePath: 'manifests.yaml', fix: true });
        expect(second.results[0]!.output).toBeUndefined();
        expect(second.diagnostics).toEqual(first.diagnostics);
      }),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 300) },
    );
  }, 120_000);
});
