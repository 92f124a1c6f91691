/**
 * The AWS annotation catalogue (schemas/aws-annotations.json) is data: it must validate against its
 * own schema, and every entry's example must be a value the aws-annotation-value rule accepts (on the
 * kind of object the entry applies to). Also covers the parsers the rules share (Go ParseBool,
 * ParseInt, ParseCIDR, the k=v map) and the Ingress backend helper.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allRuleMetas } from '../src/engine/registry.js';
import { awsCatalogue, type AnnotationEntry } from '../src/k8s/aws/catalogue.js';
import { classifyAnnotationKey } from '../src/k8s/aws/keys.js';
import { isIPv4, isIPv6, parseCidr, parseGoBool, parseGoInt, parseStringMap, splitList } from '../src/k8s/aws/parse.js';
import { checkAnnotationValue } from '../src/k8s/aws/values.js';
import { ingressBackends } from '../src/k8s/ingress.js';
import { lintText } from '../src/lint.js';

const ROOT = join(import.meta.dirname, '..');
const catalogue = awsCatalogue();
const entries = catalogue.annotations;

/** Only these rules on: every other rule off. */
function only(...ids: string[]): Record<string, 'off' | 'error'> {
  const rules: Record<string, 'off' | 'error'> = {};
  for (const meta of allRuleMetas()) rules[meta.id] = ids.includes(meta.id) ? 'error' : 'off';
  return rules;
}

/** A manifest carrying one annotation, on the kind the entry is read from. */
function manifestFor(entry: AnnotationEntry): string {
  const key = entry.exampleKey ?? entry.key;
  const metadata = { name: 'example', namespace: 'default', annotations: { [key]: entry.example } };
  if (entry.appliesTo === 'Ingress') {
    return stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec: { ingressClassName: 'alb', rules: [] } });
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: { type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', selector: { app: 'x' }, ports: [{ name: 'https', port: 443, targetPort: 8443 }] },
  });
}

describe('AWS annotation catalogue', () => {
  it('validates against schemas/aws-annotations.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'aws-annotations.schema.json'), 'utf8'));
    const data = JSON.parse(readFileSync(join(ROOT, 'schemas', 'aws-annotations.json'), 'utf8'));
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addFormat('regex', {
      validate: (s: string) => {
        try {
          new RegExp(s, 'u');
          return true;
        } catch {
          return false;
        }
      },
    });
    const validate = ajv.compile(schema);
    expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('holds every Service and Ingress annotation of the reference, once', () => {
    expect(entries.filter((e) => e.appliesTo === 'Service').length).toBe(54);
    expect(entries.filter((e) => e.appliesTo !== 'Service').length).toBe(73);
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  });

  it('resolves every key (and every pattern example key) to its own entry', () => {
    for (const entry of entries) {
      expect(catalogue.lookup(entry.exampleKey ?? entry.key), entry.key).toBe(entry);
      expect(classifyAnnotationKey(entry.exampleKey ?? entry.key).kind, entry.key).toBe('known');
    }
  });

  it.each(entries.map((e) => [e.key, e] as const))('%s: its example parses', (_key, entry) => {
    expect(checkAnnotationValue(entry, entry.example, 'lbc')).toEqual([]);
    expect(checkAnnotationValue(entry, entry.example, 'in-tree')).toEqual([]);
  });

  it.each(entries.map((e) => [e.key, e] as const))('%s: its example passes aws-annotation-value and aws-annotation-unknown', async (_key, entry) => {
    const output = await lintText(manifestFor(entry), { config: { rules: only('aws-annotation-value', 'aws-annotation-unknown') } });
    expect(output.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it('misspellings point at keys the controllers read, and are not keys themselves', () => {
    for (const m of catalogue.misspellings) {
      expect(catalogue.lookup(m.key), m.key).toBeUndefined();
      if (m.suggestion !== undefined) expect(catalogue.lookup(m.suggestion), m.suggestion).toBeDefined();
    }
  });

  it('every deprecated key names its replacement, and deprecated values are allowed values', () => {
    for (const entry of entries) {
      if (entry.deprecated) expect(entry.deprecated.replacement.length).toBeGreaterThan(5);
      for (const value of Object.keys(entry.deprecatedValues ?? {})) expect(checkAnnotationValue(entry, value)).toEqual([]);
    }
  });
});

describe('typo suggestions', () => {
  /** The suggestion of every aws-annotation-unknown finding of a fixture, by line. */
  async function suggestions(fixture: string): Promise<Record<number, string>> {
    const text = readFileSync(join(ROOT, 'fixtures', 'aws-annotation-unknown', 'invalid', fixture), 'utf8');
    const output = await lintText(text, { config: { rules: only('aws-annotation-unknown') } });
    const found: Record<number, string> = {};
    for (const m of output.results[0]!.messages) found[m.line ?? 0] = /did you mean `([^`]+)`|Write `([^`]+)`/.exec(m.message)?.slice(1).find(Boolean) ?? m.message;
    return found;
  }

  it('suggests the Service key the controller reads', async () => {
    const svc = 'service.beta.kubernetes.io/aws-load-balancer-';
    expect(await suggestions('service-typos.yaml')).toEqual({
      6: `${svc}type`,
      7: `${svc}nlb-target-type`,
      8: `${svc}ssl-cert`,
      9: `${svc}healthcheck-interval`,
      10: `${svc}listener-attributes.TCP-80`,
      11: `${svc}subnets`,
      12: `${svc}scheme`,
    });
  });

  it('suggests the ALB key the controller reads, including for camelCase keys', async () => {
    const alb = 'alb.ingress.kubernetes.io/';
    expect(await suggestions('ingress-typos.yaml')).toEqual({
      6: `${alb}scheme`,
      7: `${alb}listen-ports`,
      8: `${alb}target-type`,
      9: `${alb}healthcheck-path`,
      10: `${alb}healthcheck-interval-seconds`,
      11: `${alb}success-codes`,
      12: `${alb}actions.maintenance`,
      13: `${alb}listener-attributes.HTTPS-443`,
    });
  });

  it('moves a key to the prefix the controller reads', async () => {
    expect(await suggestions('wrong-prefix.yaml')).toEqual({
      7: 'service.beta.kubernetes.io/aws-load-balancer-type',
      8: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
      20: 'alb.ingress.kubernetes.io/scheme',
      21: 'alb.ingress.kubernetes.io/target-type',
    });
  });
});

describe('AWS value parsers (Go semantics)', () => {
  it('ParseBool accepts exactly 1 t T TRUE true True and their false twins', () => {
    for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(v)).toBe(true);
    for (const v of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(v)).toBe(false);
    for (const v of ['yes', 'on', 'enabled', 'tRUE', ' true', '']) expect(parseGoBool(v)).toBeUndefined();
  });

  it('ParseInt takes a sign and digits only, within the bit size', () => {
    expect(parseGoInt('10')).toEqual({ ok: true, value: 10 });
    expect(parseGoInt('+5')).toEqual({ ok: true, value: 5 });
    expect(parseGoInt('-1000')).toEqual({ ok: true, value: -1000 });
    for (const v of ['10s', ' 10', '1.5', '', '1_000', '0x10']) expect(parseGoInt(v).ok).toBe(false);
    expect(parseGoInt('2147483648')).toEqual({ ok: false, reason: 'overflow' });
    expect(parseGoInt('2147483648', 64)).toEqual({ ok: true, value: 2147483648 });
  });

  it('splits lists and k=v maps like the controller', () => {
    expect(splitList(' a, ,b ,')).toEqual(['a', 'b']);
    const map = parseStringMap('k1=v1, k2 = v=2 ,note=a\\,b,bare,=x');
    expect(map.pairs.map((p) => [p.key, p.value])).toEqual([
      ['k1', 'v1'],
      ['k2', 'v=2'],
      ['note', 'a,b'],
    ]);
    expect(map.errors).toEqual([
      { text: 'bare', problem: 'noEquals' },
      { text: '=x', problem: 'emptyKey' },
    ]);
    expect(parseStringMap('Key1=Val1,KeyNoVal', { allowBareKeys: true }).pairs.map((p) => p.key)).toEqual(['Key1', 'KeyNoVal']);
  });

  it('parses IP addresses and CIDRs like net.ParseIP and net.ParseCIDR', () => {
    expect(isIPv4('10.0.0.1')).toBe(true);
    for (const v of ['10.0.0.256', '10.0.0', '010.0.0.1', '1.2.3.4.5']) expect(isIPv4(v)).toBe(false);
    for (const v of ['::1', '2001:db8::', '2600:1f13:837:8501::1', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8']) expect(isIPv6(v), v).toBe(true);
    for (const v of ['1:2:3:4:5:6:7:8:9', '2001:db8:::1', '2001:db8::1::2', 'fe80::1%eth0', '12345::']) expect(isIPv6(v), v).toBe(false);
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, prefix: 8 });
    expect(parseCidr('2001:db8::/32')).toEqual({ family: 6, prefix: 32 });
    for (const v of ['10.0.0.0/33', '10.0.0.0', '2001:db8::/129', 'any']) expect(parseCidr(v)).toBeUndefined();
  });
});

describe('ingressBackends', () => {
  it('yields v1, resource and v1beta1 backends with their paths', () => {
    const v1 = {
      spec: {
        defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } },
        rules: [
          {
            host: 'a.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
                { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } },
                { path: '/bad', backend: 'nope' },
              ],
            },
          },
        ],
      },
    };
    expect(ingressBackends(v1)).toEqual([
      {
        value: {
          backend: { kind: 'resource', apiGroup: 'k8s.example.com', resourceKind: 'StorageBucket', name: 'static', namePath: ['spec', 'defaultBackend', 'resource', 'name'] },
          origin: 'default',
          host: undefined,
          httpPath: undefined,
          pathType: undefined,
        },
        path: ['spec', 'defaultBackend'],
      },
      {
        value: {
          backend: {
            kind: 'service',
            serviceName: 'web',
            port: { number: 80 },
            namePath: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'name'],
            portPath: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'port', 'number'],
            shape: 'v1',
          },
          origin: 'rule',
          host: 'a.example.com',
          httpPath: '/',
          pathType: 'Prefix',
        },
        path: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend'],
      },
      {
        value: {
          backend: {
            kind: 'service',
            serviceName: 'api',
            port: { name: 'http' },
            namePath: ['spec', 'rules', 0, 'http', 'paths', 1, 'backend', 'service', 'name'],
            portPath: ['spec', 'rules', 0, 'http', 'paths', 1, 'backend', 'service', 'port', 'name'],
            shape: 'v1',
          },
          origin: 'rule',
          host: 'a.example.com',
          httpPath: '/api',
          pathType: 'Prefix',
        },
        path: ['spec', 'rules', 0, 'http', 'paths', 1, 'backend'],
      },
    ]);
    const v1beta1 = { spec: { backend: { serviceName: 'web', servicePort: 'http' }, rules: [{ http: { paths: [{ backend: { serviceName: 'api', servicePort: 8080 } }] } }] } };
    expect(ingressBackends(v1beta1).map((b) => [b.path, b.value.backend])).toEqual([
      [
        ['spec', 'backend'],
        {
          kind: 'service',
          serviceName: 'web',
          port: { name: 'http' },
          namePath: ['spec', 'backend', 'serviceName'],
          portPath: ['spec', 'backend', 'servicePort'],
          shape: 'v1beta1',
        },
      ],
      [
        ['spec', 'rules', 0, 'http', 'paths', 0, 'backend'],
        {
          kind: 'service',
          serviceName: 'api',
          port: { number: 8080 },
          namePath: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'serviceName'],
          portPath: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'servicePort'],
          shape: 'v1beta1',
        },
      ],
    ]);
    for (const junk of [{}, { spec: null }, { spec: { rules: 'x' } }, { spec: { rules: [{ http: { paths: [null, 1] } }] } }]) expect(ingressBackends(junk)).toEqual([]);
  });
});
