/**
 * The policy checker: matching as the API server does, evaluation (params, matchConditions, variables,
 * messages, failurePolicy, validationActions), config short forms and their export round trip.
 */
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lintText } from '../src/lint.js';
import type { ConfigFile } from '../src/config/types.js';
import { ConfigError } from '../src/config/types.js';
import { allRuleMetas } from '../src/engine/registry.js';
import { exportPolicies } from '../src/policy/export.js';
import { admissionTarget, matchesResources, matchesRule, resourceOfKind } from '../src/policy/match.js';
import type { ResourceRule } from '../src/policy/model.js';
import { packPath, readPack } from '../src/policy/pack.js';
import { policyExpressions } from '../src/policy/problems.js';
import { celValue, compile, OFFLINE_ACTIVATION, selectionKey, toPlain } from '../src/policy/cel.js';
import { toCelSelected } from '../src/cel/index.js';
import { readsOf } from '../src/policy/evaluate.js';
import { compileShortPolicy } from '../src/policy/short-form.js';
import { policySettings } from '../src/policy/config.js';

/** Only admission-policy on, as the config would set it. */
function config(extra: ConfigFile = {}, options?: Record<string, unknown>): ConfigFile {
  const rules: NonNullable<ConfigFile['rules']> = {};
  for (const meta of allRuleMetas()) rules[meta.id] = 'off';
  rules['admission-policy'] = options ? ['error', options] : 'error';
  return { ...extra, rules };
}

async function findings(
  text: string,
  extra: ConfigFile = {},
  options?: Record<string, unknown>,
): Promise<{ line: number; column: number; severity: number; message: string; messageId: string }[]> {
  const output = await lintText(text, { config: config(extra, options) });
  return output.results.flatMap((r) => r.messages.map((m) => ({ line: m.line, column: m.column, severity: m.severity, message: m.message, messageId: m.messageId ?? '' })));
}

const rule = (overrides: Partial<ResourceRule> = {}): ResourceRule => ({
  apiGroups: [''],
  apiVersions: ['v1'],
  resources: ['services'],
  operations: ['CREATE'],
  resourceNames: [],
  scope: '*',
  ...overrides,
});

const service = (labels: Record<string, string> = {}, namespace = 'shop') =>
  admissionTarget({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels } }, namespace, () => ({ env: 'prod' }));

describe('matching (matchConstraints, matchResources)', () => {
  it('maps kinds to the resources the API serves', () => {
    expect(['Service', 'Ingress', 'NetworkPolicy', 'Endpoints', 'EndpointSlice', 'IngressClass', 'Gateway'].map(resourceOfKind)).toEqual([
      'services',
      'ingresses',
      'networkpolicies',
      'endpoints',
      'endpointslices',
      'ingressclasses',
      'gateways',
    ]);
  });

  it('matches group, version, resource and operation, with wildcards and subresource patterns', () => {
    const target = service();
    expect(matchesRule(rule(), target)).toBe(true);
    expect(matchesRule(rule({ operations: ['UPDATE'] }), target)).toBe(false);
    expect(matchesRule(rule({ operations: ['*'] }), target)).toBe(true);
    expect(matchesRule(rule({ apiGroups: ['apps'] }), target)).toBe(false);
    expect(matchesRule(rule({ apiVersions: ['v2'] }), target)).toBe(false);
    expect(matchesRule(rule({ resources: ['*'] }), target)).toBe(true);
    expect(matchesRule(rule({ resources: ['*/*'] }), target)).toBe(true);
    expect(matchesRule(rule({ resources: ['services/status'] }), target)).toBe(false);
    expect(matchesRule(rule({ resources: ['pods'] }), target)).toBe(false);
    expect(matchesRule(rule({ resourceNames: ['api'] }), target)).toBe(false);
    expect(matchesRule(rule({ resourceNames: ['web'] }), target)).toBe(true);
    expect(matchesRule(rule({ scope: 'Cluster' }), target)).toBe(false);
    expect(matchesRule(rule({ scope: 'Namespaced' }), target)).toBe(true);
  });

  it('applies namespaceSelector, objectSelector and excludeResourceRules', () => {
    const match = { namespaceSelector: { matchLabels: { env: 'prod' } }, objectSelector: {}, resourceRules: [rule()], excludeResourceRules: [] };
    expect(matchesResources(match, service())).toBe(true);
    expect(matchesResources({ ...match, namespaceSelector: { matchLabels: { env: 'dev' } } }, service())).toBe(false);
    expect(matchesResources({ ...match, objectSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }, service())).toBe(false);
    expect(matchesResources({ ...match, objectSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }, service({ tier: 'web' }))).toBe(true);
    expect(matchesResources({ ...match, excludeResourceRules: [rule({ resourceNames: ['web'] })] }, service())).toBe(false);
  });

  it('matches a Namespace by its own labels and ignores namespaceSelector for other cluster-scoped objects', () => {
    const namespace = admissionTarget({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } }, '', () => ({}));
    const match = { namespaceSelector: { matchLabels: { env: 'prod' } }, objectSelector: {}, resourceRules: [rule({ resources: ['namespaces'] })], excludeResourceRules: [] };
    expect(matchesResources(match, namespace)).toBe(true);
    expect(matchesResources({ ...match, namespaceSelector: { matchLabels: { env: 'dev' } } }, namespace)).toBe(false);
    const ingressClass = admissionTarget({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' } }, '', () => ({}));
    expect(matchesResources({ ...match, resourceRules: [rule({ apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'] })] }, ingressClass)).toBe(true);
  });
});

const POLICY = (spec: Record<string, unknown>, name = 'p'): string =>
  stringify({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: { matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'], operations: ['CREATE'] }] }, ...spec },
  });
const BINDING = (spec: Record<string, unknown>, name = 'b', policyName = 'p'): string =>
  stringify({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName, validationActions: ['Deny'], ...spec },
  });
const SERVICE = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): string =>
  stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } });
const docs = (...parts: string[]): string => parts.join('---\n');

describe('evaluation', () => {
  it('uses messageExpression, falls back to message, then to the expression', async () => {
    const text = docs(
      POLICY({
        validations: [
          { expression: "object.metadata.name != 'a'", messageExpression: "'name ' + object.metadata.name + ' is taken'", message: 'unused' },
          { expression: "object.metadata.name != 'b'", messageExpression: "''", message: 'b is taken' },
          { expression: "object.metadata.name != 'c'" },
        ],
      }),
      BINDING({}),
      SERVICE('a'),
      SERVICE('b'),
      SERVICE('c'),
    );
    expect((await findings(text)).map((f) => f.message.replace(/^.*denied request: /, ''))).toEqual([
      'name a is taken',
      'b is taken',
      "failed expression: object.metadata.name != 'c'",
    ]);
  });

  it('skips objects a matchCondition excludes, and computes variables only when used', async () => {
    const text = docs(
      POLICY({
        matchConditions: [{ name: 'only-lb', expression: "has(object.spec.type) && object.spec.type == 'LoadBalancer'" }],
        // `broken` fails for every object, but no validation reads it.
        variables: [
          { name: 'broken', expression: 'object.spec.nothing.deeper' },
          { name: 'ports', expression: 'size(object.spec.ports)' },
        ],
        validations: [{ expression: 'variables.ports < 2', message: 'too many ports' }],
      }),
      BINDING({}),
      SERVICE('lb', {
        type: 'LoadBalancer',
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 81 },
        ],
      }),
      SERVICE('plain', {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 81 },
        ],
      }),
    );
    const found = await findings(text);
    expect(found.map((f) => f.message)).toEqual(["ValidatingAdmissionPolicy 'p' with binding 'b' denied request: too many ports"]);
  });

  it('reports an evaluation error under failurePolicy Fail, and nothing under Ignore', async () => {
    const validations = [{ expression: 'object.spec.externalName.size() > 0' }];
    const fail = await findings(docs(POLICY({ validations }), BINDING({}), SERVICE('web')));
    expect(fail).toHaveLength(1);
    expect(fail[0]!.message).toContain("expression 'object.spec.externalName.size() > 0' resulted in error");
    expect(await findings(docs(POLICY({ validations, failurePolicy: 'Ignore' }), BINDING({}), SERVICE('web')))).toEqual([]);
  });

  it('maps Deny to errors, Warn to warnings, and Audit to nothing unless asked', async () => {
    const policy = POLICY({ validations: [{ expression: 'false', message: 'no' }] });
    const severities = async (actions: string[], options?: Record<string, unknown>) =>
      (await findings(docs(policy, BINDING({ validationActions: actions }), SERVICE('web')), {}, options)).map((f) => f.severity);
    expect(await severities(['Deny'])).toEqual([2]);
    expect(await severities(['Warn'])).toEqual([1]);
    expect(await severities(['Deny', 'Warn'])).toEqual([2]);
    expect(await severities(['Audit'])).toEqual([]);
    expect(await severities(['Audit'], { audit: true })).toEqual([1]);
  });

  it('runs once per param a paramRef selector finds, in the object namespace, and honours parameterNotFoundAction', async () => {
    const policy = POLICY({
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      validations: [{ expression: 'object.metadata.name != params.data.forbidden', messageExpression: "'forbidden by ' + params.metadata.name" }],
    });
    const param = (name: string, namespace: string, forbidden: string) =>
      stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { policy: 'names' } }, data: { forbidden } });
    const selector = { selector: { matchLabels: { policy: 'names' } }, parameterNotFoundAction: 'Deny' };
    const text = docs(
      policy,
      BINDING({ paramRef: selector }),
      param('one', 'shop', 'web'),
      param('two', 'shop', 'web'),
      param('other', 'default', 'web'),
      SERVICE('web', {}, { namespace: 'shop' }),
    );
    expect((await findings(text)).map((f) => f.message.replace(/^.*denied request: /, ''))).toEqual(['forbidden by one', 'forbidden by two']);
    const none = docs(policy, BINDING({ paramRef: selector }), SERVICE('web', {}, { namespace: 'empty' }));
    expect((await findings(none)).map((f) => f.message)).toEqual([
      "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: binding b of policy p: no param ConfigMap (v1) matching the binding's paramRef.selector in namespace empty (parameterNotFoundAction: Deny)",
    ]);
    const allow = docs(policy, BINDING({ paramRef: { ...selector, parameterNotFoundAction: 'Allow' } }), SERVICE('web', {}, { namespace: 'empty' }));
    expect(await findings(allow)).toEqual([]);
  });

  it('reads namespace labels from Namespace objects, else from config `namespaces`', async () => {
    const policy = POLICY({
      matchConstraints: {
        namespaceSelector: { matchLabels: { env: 'prod' } },
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'], operations: ['CREATE'] }],
      },
      validations: [{ expression: "!has(object.spec.type) || object.spec.type != 'NodePort'", messageExpression: "'no NodePort in prod: ' + object.metadata.name" }],
    });
    const nodePort = (namespace: string) => SERVICE(`web-${namespace}`, { type: 'NodePort' }, { namespace });
    const namespace = stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } });
    const text = docs(policy, BINDING({}), namespace, nodePort('shop'), nodePort('billing'), nodePort('dev'));
    const names = (found: { message: string }[]) => found.map((f) => f.message.replace(/^.*no NodePort in prod: /, ''));
    expect(names(await findings(text))).toEqual(['web-shop']);
    // The Namespace object wins over config for shop; billing gets its labels from config.
    expect(names(await findings(text, { namespaces: { billing: { env: 'prod' }, shop: { env: 'dev' } } }))).toEqual(['web-shop', 'web-billing']);
  });

  it('places a violation by the whole object, though evaluation converts only the fields the policy reads', async () => {
    // The last path read, spec.missing, is absent: the finding goes to the first member of spec that fails
    // alone. That is `selector` (the first key); the fields read, spec.ports among them, would give `ports`.
    const validations = [{ expression: 'has(object.spec.ports) && has(object.spec.missing) && object.spec.missing.all(p, true)', message: 'no' }];
    const text = docs(POLICY({ validations }), BINDING({}), SERVICE('web'));
    const selectorValueLine = text.split('\n').findIndex((line) => line.trim() === 'selector:') + 2;
    expect((await findings(text)).map((f) => f.line)).toEqual([selectorValueLine]);
  });

  it('judges alike only objects that are alike in what the policy reads, with the same params', async () => {
    // Services a and c are alike in what is read (spec.type), so c takes a's verdict; b and d differ and are judged.
    const byType = POLICY({ validations: [{ expression: "!has(object.spec.type) || object.spec.type != 'LoadBalancer'", messageExpression: "'no LB: ' + object.metadata.name" }] });
    const services = [SERVICE('a'), SERVICE('b', { type: 'LoadBalancer' }), SERVICE('c'), SERVICE('d', { type: 'LoadBalancer' })];
    expect((await findings(docs(byType, BINDING({}), ...services))).map((f) => f.message.replace(/^.*no LB: /, ''))).toEqual(['b', 'd']);
    // What the namespace says is not in the object: Services alike in every field read are judged per namespace.
    const byNamespace = POLICY({ validations: [{ expression: "namespaceObject.metadata.labels[?'env'].orValue('') != 'prod'", message: 'not in prod' }] });
    const namespace = (name: string, env: string) => stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { env } } });
    const inNamespace = (ns: string) => SERVICE('web', {}, { namespace: ns });
    const parts = [byNamespace, BINDING({}), namespace('dev', 'dev'), namespace('shop', 'prod'), inNamespace('dev'), inNamespace('shop'), inNamespace('dev')];
    // The Service in shop is the sixth document: its lines follow those of the five before it.
    const firstLine = (document: number) => docs(...parts.slice(0, document), '').split('\n').length;
    const lines = (await findings(docs(...parts))).map((f) => f.line);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBeGreaterThanOrEqual(firstLine(5));
    expect(lines[0]).toBeLessThan(firstLine(6));
  });

  it('sees the namespace the object is created in, even when the manifest leaves it out', async () => {
    const text = docs(POLICY({ validations: [{ expression: "object.metadata.namespace == 'default'", message: 'wrong namespace' }] }), BINDING({}), SERVICE('web'));
    expect(await findings(text)).toEqual([]);
  });

  it('never crashes on a malformed policy, binding or param', async () => {
    const text = docs(
      stringify({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'p' },
        spec: { validations: 'nope', matchConstraints: { resourceRules: 'x' } },
      }),
      stringify({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'b' }, spec: { policyName: 7, paramRef: 'x' } }),
      stringify({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'q' }, spec: null }),
      SERVICE('web'),
    );
    const found = await findings(text);
    expect(found.map((f) => f.messageId).sort()).toEqual(['matchesNothing', 'matchesNothing', 'noActions', 'unknownPolicy']);
  });
});

const SHORT = {
  id: 'lb-internal',
  kinds: ['Service'],
  namespaces: ['prod'],
  when: "has(object.spec.type) && object.spec.type == 'LoadBalancer'",
  assert: "has(object.metadata.annotations) && 'service.beta.kubernetes.io/aws-load-balancer-scheme' in object.metadata.annotations",
  message: 'LoadBalancer Services must be internal',
  at: 'spec.type',
};
const PORTS = { id: 'low-ports', kinds: ['Service'], assert: 'object.spec.ports.all(p, p.port < 1024)', message: 'ports below 1024', severity: 'warn' as const };

describe('config policies (the short form)', () => {
  const resources = docs(
    SERVICE('public', { type: 'LoadBalancer' }, { namespace: 'prod' }),
    SERVICE('internal', { type: 'LoadBalancer' }, { namespace: 'prod', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }),
    SERVICE('elsewhere', { type: 'LoadBalancer' }, { namespace: 'dev' }),
    SERVICE(
      'high',
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 8080 },
        ],
      },
      { namespace: 'dev' },
    ),
  );

  it('runs them like policies: kinds, namespaces, when, assert, severity and at', async () => {
    const found = await findings(resources, { policies: [SHORT, PORTS] });
    expect(found.map(({ line, column, severity, message }) => ({ line, column, severity, message }))).toEqual([
      // `at: spec.type`
      { line: 11, column: 9, severity: 2, message: 'LoadBalancer Services must be internal (policy lb-internal)' },
      // the failing element of the list the expression quantifies over
      { line: 50, column: 7, severity: 1, message: 'ports below 1024 (policy low-ports)' },
    ]);
  });

  it('refuses a policy whose CEL does not compile, naming it and the column', () => {
    expect(() => policySettings({ policies: [{ ...SHORT, assert: 'object.spec.type ==' }] })).toThrow(ConfigError);
    expect(() => policySettings({ policies: [{ ...SHORT, assert: 'object.spec.type ==' }] })).toThrow(
      /Policy "lb-internal" in "policies": the CEL expression `object.spec.type ==` does not compile at column \d+/,
    );
    expect(() => policySettings({ policies: [SHORT, SHORT] })).toThrow(/two policies with id "lb-internal"/);
  });

  it('exports them as ValidatingAdmissionPolicies that, linted, give the same findings', async () => {
    const configured = await findings(resources, { policies: [SHORT, PORTS] });
    const exported = exportPolicies([SHORT, PORTS].map((short) => compileShortPolicy(short, resourceOfKind)));
    expect(exported).toContain('kind: ValidatingAdmissionPolicyBinding');
    const linted = (await findings(`${resources}---\n${exported}`)).filter((f) => f.line <= resources.split('\n').length);
    expect(linted.map(({ line, column, severity }) => ({ line, column, severity }))).toEqual(configured.map(({ line, column, severity }) => ({ line, column, severity })));
    expect(linted.map((f) => f.message)).toEqual([
      "ValidatingAdmissionPolicy 'lb-internal' with binding 'lb-internal' denied request: LoadBalancer Services must be internal",
      "Validation failed for ValidatingAdmissionPolicy 'low-ports' with binding 'low-ports': ports below 1024",
    ]);
  });
});

describe('the policy pack', () => {
  const packRules = allRuleMetas().filter((m) => existsSync(packPath(m.id)));

  it('holds the rules of the pack', () => {
    expect(packRules.map((m) => m.id)).toEqual(
      expect.arrayContaining(['externalips', 'ingress-nginx-annotations', 'externalname-localhost', 'service-type-allowed', 'loadbalancer-internal']),
    );
    expect(
      packRules
        .filter((m) => !m.optIn)
        .map((m) => m.id)
        .sort(),
    ).toEqual(['externalips', 'externalname-localhost', 'ingress-nginx-annotations']);
  });

  it('judges again when the rule options change between runs', async () => {
    const only = (options: Record<string, unknown>): ConfigFile => {
      const rules: NonNullable<ConfigFile['rules']> = {};
      for (const meta of allRuleMetas()) rules[meta.id] = 'off';
      rules['service-type-allowed'] = ['warn', options];
      return { rules };
    };
    const text = docs(SERVICE('web', { type: 'LoadBalancer' }), SERVICE('api', { type: 'LoadBalancer' }));
    const count = async (options: Record<string, unknown>) => (await lintText(text, { config: only(options) })).results.flatMap((r) => r.messages).length;
    expect(await count({ allowed: ['LoadBalancer'] })).toBe(0);
    expect(await count({ allowed: ['ClusterIP'] })).toBe(2);
    expect(await count({ allowed: ['LoadBalancer'] })).toBe(0);
  });

  // Objects of the shapes the pack reads, with values on both sides of its checks.
  const text = fc.constantFrom(
    '',
    'a',
    'ClusterIP',
    'LoadBalancer',
    'ExternalName',
    'localhost',
    '127.0.0.1',
    'true',
    'false',
    'internal',
    'nginx',
    'alias /x;',
    'x.example.com',
    '*.example.com',
  );
  const value = fc.oneof(text, fc.constantFrom(0, 80, 443, 70000, 1.5, Number.NaN, true, null), fc.array(text, { maxLength: 2 }));
  const keys = fc.constantFrom(
    'kubernetes.io/ingress.class',
    'kubernetes.io/ingress.allow-http',
    'nginx.ingress.kubernetes.io/server-snippet',
    'nginx.ingress.kubernetes.io/rewrite-target',
    'nginx.ingress.kubernetes.io/auth-url',
    'service.beta.kubernetes.io/aws-load-balancer-scheme',
    'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
    'allow-snippet-annotations',
    'host',
    'port',
    'type',
  );
  const map = (depth: number): fc.Arbitrary<Record<string, unknown>> =>
    fc.dictionary(keys, depth > 0 ? fc.oneof(value, map(depth - 1), fc.array(map(depth - 1), { maxLength: 2 })) : value, { maxKeys: 3 });
  const object = fc.record(
    {
      metadata: fc.record({ name: text, namespace: text, annotations: map(0), labels: map(0) }, { requiredKeys: ['name'] }),
      spec: fc.record(
        {
          type: value,
          externalIPs: fc.array(fc.constantFrom('1.2.3.4', '10.0.0.1', 'x'), { maxLength: 2 }),
          externalName: text,
          ports: fc.array(map(1), { maxLength: 2 }),
          ingressClassName: text,
          rules: fc.array(map(1), { maxLength: 2 }),
          tls: fc.array(map(1), { maxLength: 1 }),
          defaultBackend: map(1),
        },
        { requiredKeys: [] },
      ),
      data: map(0),
    },
    { requiredKeys: ['metadata'] },
  );

  it.each(packRules.map((m) => [m.id, m.defaultOptions] as const))('%s: every expression gives on the fields the rule reads what it gives on the whole object', (id, options) => {
    const policies = readPack(id).map((short) => compileShortPolicy(short, resourceOfKind).policy);
    const reads = readsOf(policies);
    const programs = policies.flatMap(policyExpressions).map((expression) => {
      const compiled = compile(expression.text);
      if (!compiled.ok) throw new Error(compiled.error.message);
      return compiled.program;
    });
    const params = celValue(options);
    const evaluate = (program: (typeof programs)[number], subject: unknown) => {
      const result = program.evaluate({ ...OFFLINE_ACTIVATION, object: subject, params, namespaceObject: null, request: null });
      return result.ok ? { ok: true, value: toPlain(result.value) } : result;
    };
    fc.assert(
      fc.property(object, (subject) => {
        const partial = toCelSelected(subject, reads.object);
        for (const program of programs) expect(evaluate(program, partial)).toEqual(evaluate(program, subject));
        // A key is made for plain data, and the partial object is all it depends on.
        expect(selectionKey(subject, reads.object)).toBe(selectionKey(toPlain(partial), reads.object));
      }),
      { numRuns: 150, seed: 16 },
    );
  });

  it.each(packRules.map((m) => [m.id] as const))('%s: every expression compiles', (id) => {
    for (const short of readPack(id)) {
      for (const expression of policyExpressions(compileShortPolicy(short, resourceOfKind).policy)) {
        const compiled = compile(expression.text);
        expect(compiled.ok ? '' : `${expression.text}: ${compiled.error.message}`).toBe('');
      }
    }
  });
});
