/**
 * CRD validation (src/crd/): defaulting, formats, RE2 patterns, the bundled Gateway API release, CRDs
 * from config `crds:` globs end to end, and hostile CRDs. The per-rule findings are in the fixtures
 * (fixtures/crd-schema, fixtures/crd-definition, fixtures/crd-validation).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/crd/defaults.js';
import { matchesFormat } from '../src/crd/formats.js';
import { DEFAULT_GATEWAY_API_RELEASE, GATEWAY_API_RELEASES, gatewayApiDefinitions } from '../src/crd/gateway-api.js';
import { compilePattern } from '../src/crd/patterns.js';
import type { SchemaNode, ValidationRule } from '../src/crd/schema.js';
import { evaluateRules, parseFieldPath } from '../src/crd/validations.js';
import { validateResource } from '../src/crd/structural.js';
import { lintText } from '../src/lint.js';
import { readPackageJson } from '../src/util/package-root.js';
import { lintObjects } from './harness/objects.js';
import { runBuiltCli } from './harness/cli.js';

describe('defaults', () => {
  const schema: SchemaNode = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        default: {},
        properties: {
          protocol: { type: 'string', default: 'HTTP' },
          items: { type: 'array', items: { type: 'object', properties: { weight: { type: 'integer', default: 1 } } } },
          gone: { type: 'string' },
          kept: { type: 'string', nullable: true },
        },
      },
    },
  };

  it('fills absent fields recursively, into lists and into defaulted values, without changing the input', () => {
    const input = { spec: { items: [{}, { weight: 5 }], gone: null, kept: null } };
    const copy = structuredClone(input);
    expect(applyDefaults(input, schema)).toEqual({ spec: { protocol: 'HTTP', items: [{ weight: 1 }, { weight: 5 }], kept: null } });
    expect(input).toEqual(copy);
    expect(applyDefaults({}, schema)).toEqual({ spec: { protocol: 'HTTP' } });
  });

  it('returns the very input when there is nothing to fill', () => {
    const input = { spec: { protocol: 'HTTPS' } };
    expect(applyDefaults(input, schema)).toBe(input);
  });
});

describe('formats', () => {
  it.each([
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '10.0.0.256', false],
    ['ipv6', 'fd00::1', true],
    ['ipv6', '10.0.0.1', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', '10.0.0.0/33', false],
    ['hostname', 'www.example.com', true],
    ['hostname', '-bad.example.com', false],
    ['date-time', '2024-01-02T03:04:05Z', true],
    ['date-time', '2024-13-02T03:04:05Z', false],
    ['uri', 'https://example.com/x', true],
    ['uri', 'not a uri', false],
    ['int32', 'anything', true],
    ['no-such-format', 'anything', true],
  ])('%s %s → %s', (format, value, ok) => {
    expect(matchesFormat(format, value)).toBe(ok);
  });
});

describe('patterns use RE2 (Go regexp), not JavaScript RegExp', () => {
  it('accepts inline flags JavaScript refuses', () => {
    const compiled = compilePattern('(?i)^abc$');
    expect('regexp' in compiled && compiled.regexp.test('ABC')).toBe(true);
  });

  it('refuses lookahead and backreferences JavaScript accepts', () => {
    expect(compilePattern('^(?!www)')).toHaveProperty('error');
    expect(compilePattern('(a)\\1')).toHaveProperty('error');
  });

  it('validates a value against a pattern in the schema', () => {
    const schema: SchemaNode = { type: 'object', properties: { name: { type: 'string', pattern: '^[a-z]+$' } } };
    expect(validateResource({ name: 'Abc' }, schema, { skipStatus: false })).toEqual([{ code: 'pattern', path: ['name'], value: 'Abc', pattern: '^[a-z]+$' }]);
  });
});

describe('the bundled Gateway API release', () => {
  it('is named, and holds every kind the linter validates with the versions peers write', () => {
    const bundle = readPackageJson<{ release: string; commit: string }>(`schemas/gateway-api/${DEFAULT_GATEWAY_API_RELEASE}/crds.json`);
    expect(bundle.release).toBe(DEFAULT_GATEWAY_API_RELEASE);
    expect(bundle.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(GATEWAY_API_RELEASES).toContain(DEFAULT_GATEWAY_API_RELEASE);
    const served = Object.fromEntries(gatewayApiDefinitions().map((d) => [d.kind, d.versions.map((v) => v.name)]));
    expect(served).toMatchObject({
      GatewayClass: ['v1', 'v1beta1'],
      Gateway: ['v1', 'v1beta1'],
      HTTPRoute: ['v1', 'v1beta1'],
      GRPCRoute: ['v1'],
      ReferenceGrant: ['v1', 'v1beta1'],
      BackendTLSPolicy: ['v1'],
      TCPRoute: ['v1', 'v1alpha2'],
      TLSRoute: ['v1', 'v1alpha2', 'v1alpha3'],
      UDPRoute: ['v1', 'v1alpha2'],
    });
  });

  it('is replaced by a CRD of the same group and kind in the input', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: httproutes.gateway.networking.k8s.io}
spec:
  group: gateway.networking.k8s.io
  scope: Namespaced
  names: {kind: HTTPRoute, plural: httproutes}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web}
spec:
  experimentalField: true
`;
    const rules = { 'crd-schema': 'error' as const };
    expect((await lintText(crd, { config: { rules } })).diagnostics.filter((d) => d.ruleId === 'crd-schema')).toEqual([]);
    const alone = crd.slice(crd.indexOf('---') + 4);
    expect((await lintText(alone, { config: { rules } })).diagnostics.filter((d) => d.ruleId === 'crd-schema').map((d) => d.messageId)).toEqual(['unknownField']);
  });

  it('is chosen with gatewayAPIVersion, and an unknown release is a config error', async () => {
    const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web}\nspec: {bogus: 1}\n';
    const found = await lintText(route, { config: { gatewayAPIVersion: DEFAULT_GATEWAY_API_RELEASE } });
    expect(found.diagnostics.filter((d) => d.ruleId === 'crd-schema').map((d) => d.messageId)).toEqual(['unknownField']);
    await expect(lintText(route, { config: { gatewayAPIVersion: 'v0.1.0' } })).rejects.toThrow(/gatewayAPIVersion.*v0\.1\.0.*v1\.6\.1/);
  });
});

describe('hostile CRDs', () => {
  it('never crash: nonsense schemas give what can be judged and nothing else', async () => {
    const schemas = [
      '5',
      '[]',
      '{type: object, additionalProperties: null, properties: {spec: {type: object, required: spec, x-kubernetes-list-map-keys: 1}}}',
      '{type: object, properties: {spec: {type: object, allOf: 3, anyOf: [null], not: []}}}',
      '{type: object, properties: [1, 2]}',
      '{type: object, properties: {spec: 7}}',
      '{type: array, items: true}',
      '{x-kubernetes-validations: 3}',
      '{type: object, required: spec}',
      '{pattern: 5, type: string}',
    ];
    for (const schema of schemas) {
      const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  group: example.com
  names: {kind: Thing, plural: things}
  versions: [{name: v1, served: true, schema: {openAPIV3Schema: ${schema}}}]
---
apiVersion: example.com/v1
kind: Thing
metadata: {name: a}
spec: {a: [1, {b: 2}]}
`;
      const { diagnostics } = await lintText(text);
      expect(
        diagnostics.filter((d) => d.messageId === 'crash'),
        schema,
      ).toEqual([]);
    }
  });
});

describe('CRDs from config (crds: globs), end to end', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-crd-'));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('.k8s-svc-lint.yaml', 'crds:\n  - crds/*.yaml\n');
    write(
      'crds/widget.yaml',
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer, maximum: 10}
`,
    );
    write('manifests/widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: big\nspec:\n  size: 11\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('validates custom resources with a CRD the input does not hold, reporting on the named files only', () => {
    const run = runBuiltCli(['manifests/', '--format', 'json'], { cwd: root });
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(results.map((r) => r.filePath)).toEqual([join(root, 'manifests/widget.yaml')]);
    expect(results[0]!.messages).toEqual([expect.objectContaining({ ruleId: 'crd-schema', line: 6, column: 9, message: 'spec.size must be less than or equal to 10' })]);
  });

  it('refuses a gatewayAPIVersion that is not bundled, with exit code 2, and prints the effective one', () => {
    writeFileSync(join(root, 'bad.yaml'), 'gatewayAPIVersion: v0.1.0\n');
    const run = runBuiltCli(['manifests/', '--config', 'bad.yaml'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/gatewayAPIVersion/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const printed = runBuiltCli(['--print-config'], { cwd: root });
    expect(JSON.parse(printed.stdout)).toMatchObject({ crds: ['crds/*.yaml'], gatewayAPIVersion: DEFAULT_GATEWAY_API_RELEASE });
  });

  it('finds nothing without the CRD: an unknown kind is not judged', () => {
    writeFileSync(join(root, 'empty.yaml'), '{}\n');
    const run = runBuiltCli(['manifests/', '--config', 'empty.yaml'], { cwd: root });
    expect(run.status, run.stderr).toBe(0);
  });
});

describe('README: custom resources and Gateway API', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  it.each(['gateway', 'crd'])('shows what `k8s-svc-lint docs/examples/%s/` really prints', (name) => {
    const sample = new RegExp(`<!-- crd-sample:${name} -->\\n\`\`\`text\\n\\$ k8s-svc-lint (\\S+)\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
    expect(sample, `README holds the ${name} sample`).not.toBeNull();
    const run = runBuiltCli([sample![1]!], { cwd: join(import.meta.dirname, '..'), env: { NO_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stdout.trim()).toBe(sample![2]!.trim());
  });
});

describe('x-kubernetes-validations', () => {
  const node = (rules: ValidationRule[], properties: Record<string, SchemaNode> = { n: { type: 'integer' } }): SchemaNode => ({
    type: 'object',
    properties,
    'x-kubernetes-validations': rules,
  });

  it('reads fieldPath as Kubernetes writes it', () => {
    expect(parseFieldPath(".spec.ports[0]['a.b'].c")).toEqual(['spec', 'ports', 0, 'a.b', 'c']);
    expect(parseFieldPath('.x["y"]')).toEqual(['x', 'y']);
  });

  it('evaluates has() on an indexed value, as the HTTPRoute ReplacePrefixMatch rules write it', () => {
    const rule = 'size(self.matches) == 1 && has(self.matches[0].path)';
    expect(
      evaluateRules({ matches: [{}] }, node([{ rule, message: 'needs a path' }], { matches: { type: 'array', items: { type: 'object' } } }), { skipStatus: false }),
    ).toMatchObject([{ kind: 'failed', message: 'needs a path' }]);
  });

  it('uses messageExpression, falling back to message and then to the rule', () => {
    const outcomes = evaluateRules(
      { n: 3 },
      node([
        { rule: 'self.n < 2', messageExpression: "'n is ' + string(self.n)" },
        { rule: 'self.n < 2', messageExpression: 'self.missing', message: 'n too big' },
        { rule: 'self.n < 2' },
      ]),
      { skipStatus: false },
    );
    expect(outcomes.map((o) => o.message)).toEqual(['n is 3', 'n too big', 'failed rule: self.n < 2']);
  });

  it('skips transition rules on create, reports a rule that does not give a boolean, and bounds a runaway one', () => {
    const started = performance.now();
    const outcomes = evaluateRules(
      { n: 3 },
      node([
        { rule: 'self.n == oldSelf.n', message: 'immutable' },
        { rule: 'self.n + 1' },
        {
          rule: 'self.n == 3 && [1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, a + b + c + d + e + f > 0))))))',
        },
      ]),
      { skipStatus: false },
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(outcomes.map((o) => o.kind)).toEqual(['error', 'error']);
    expect(outcomes[0]!.message).toMatch(/not a boolean/);
  });

  it('points a list rule self.all(x, ...) at each item it fails for', () => {
    const schema: SchemaNode = {
      type: 'object',
      properties: {
        l: {
          type: 'array',
          items: { type: 'integer' },
          'x-kubernetes-validations': [
            { rule: 'self.all(x, x > 0)', message: 'positive' },
            { rule: 'self.all(x, self.size() < 2)', message: 'short' },
          ],
        },
      },
    };
    expect(evaluateRules({ l: [1, -1, 2, -3] }, schema, { skipStatus: false }).map((o) => [o.at, o.message])).toEqual([
      [['l', 1], 'positive'],
      [['l', 3], 'positive'],
      [['l'], 'short'],
    ]);
  });
});

describe('deep input', () => {
  it('a CRD schema and a custom resource 10,000 levels deep (as objects, past the reader): judged to a depth, no crash', async () => {
    const nested = (depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown => {
      let value = leaf;
      for (let i = 0; i < depth; i++) value = wrap(value);
      return value;
    };
    const schema = nested(10_000, { type: 'string' }, (inner) => ({ type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a != 5' }], properties: { a: inner } }));
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'xs.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'X', plural: 'xs' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
      },
    };
    const x = { apiVersion: 'example.com/v1', kind: 'X', metadata: { name: 'deep' }, a: nested(10_000, 5, (inner) => ({ a: inner })), b: 1 };
    const { diagnostics } = await lintObjects([crd, x]);
    expect(diagnostics.filter((d) => d.messageId === 'crash')).toEqual([]);
    // The top of the resource is judged: `b` is no field of the schema.
    expect(diagnostics.filter((d) => d.ruleId === 'crd-schema').map((d) => d.message)).toEqual([expect.stringMatching(/^b is not a field of X example\.com\/v1/)]);
  });
});

describe('crd-validation messages', () => {
  it("word the rule's reason as the API server does", async () => {
    const text =
      readFileSync(join(import.meta.dirname, '..', 'fixtures/crd-validation/invalid/user-crd/crd.yaml'), 'utf8') +
      readFileSync(join(import.meta.dirname, '..', 'fixtures/crd-validation/invalid/user-crd/rollouts.yaml'), 'utf8').replace(/^/, '---\n');
    const { diagnostics } = await lintText(text, { config: { rules: { 'crd-validation': 'error' } } });
    const messages = diagnostics.filter((d) => d.ruleId === 'crd-validation').map((d) => d.message);
    expect(messages).toContain('Forbidden: a step either pauses or sets a weight');
    expect(messages).toContain('minReplicas must not exceed maxReplicas');
    expect(messages).toContain('canary weight 100 leaves nothing for the stable version');
    expect(messages).toContain('rule "self.maxReplicas / self.divisor > 0" of CRD rollouts.example.com could not be evaluated: division by zero');
  });
});
