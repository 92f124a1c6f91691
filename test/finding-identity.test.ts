/**
 * Findings name their resource and the other end of a cross-resource reference (Diagnostic.resource,
 * Diagnostic.reference); SARIF shows them as logical and related locations, LSP as related
 * information; the topology reads the references, never a rule's message ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { AnyRule, Diagnostic } from '../src/api/types.js';
import { runEngine } from '../src/engine/run.js';
import { RULES } from '../src/engine/registry.js';
import { formatterContext } from '../src/format/context.js';
import { sarif } from '../src/format/sarif.js';
import { buildTopology } from '../src/graph/topology.js';
import type { Topology } from '../src/graph/types.js';
import { lintText, prepare } from '../src/lint.js';
import { toLspDiagnostic } from '../src/lsp/convert.js';
import { buildIndex } from '../src/model/resource-index.js';
import { collectResources } from '../src/model/resources.js';
import { decodeSource } from '../src/source/read.js';

const SARIF_SCHEMA = join(import.meta.dirname, '..', 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** One namespace with a broken reference of every kind the topology draws. */
const SHOP = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web
          ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports:
    - { name: http, port: 80, targetPort: http }
    - { name: metrics, port: 9090, targetPort: metrics }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: shop }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec: { containers: [{ name: worker, image: worker }] }
---
apiVersion: v1
kind: Service
metadata: { name: orphan, namespace: shop }
spec:
  selector: { app: nothing }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - http:
        paths:
          - { path: /a, pathType: Prefix, backend: { service: { name: nosuch, port: { number: 80 } } } }
          - { path: /b, pathType: Prefix, backend: { service: { name: web, port: { number: 81 } } } }
          - { path: /c, pathType: Prefix, backend: { service: { name: web } } }
          - { path: /d, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
---
apiVersion: v1
kind: Namespace
metadata: { name: other }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: other }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api }] }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: other }
spec:
  selector: { app: api }
  ports: [{ port: 80 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - backendRefs:
        - { name: api, namespace: other, port: 80 }
        - { name: gone, port: 80 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-only, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{}]
`;

const CONFIG = { rules: { 'networkpolicy-default-deny': 'warn' as const } };

/** The engine's findings and the topology for SHOP, with the given rules. */
function run(rules: readonly AnyRule[]): { diagnostics: Diagnostic[]; topology: Topology } {
  const file = decodeSource('/work/shop.yaml', new TextEncoder().encode(SHOP));
  const prepared = prepare(CONFIG, {});
  const index = buildIndex(collectResources([file], prepared.settings.defaultNamespace), prepared.podSources);
  const { diagnostics } = runEngine({ cwd: '/work', files: [file], index, rules, ruleConfigs: prepared.ruleConfigs, settings: prepared.settings, validators: new Map() });
  return { diagnostics, topology: buildTopology(index, diagnostics) };
}

/** Each rule with every message id renamed (`x` prefixed), as if its author had renamed them all. */
function withRenamedMessageIds(rule: AnyRule): AnyRule {
  const rename = (id: string): string => `x${id}`;
  return {
    meta: {
      ...rule.meta,
      messages: Object.fromEntries(Object.entries(rule.meta.messages).map(([id, text]) => [rename(id), text])),
      ...(rule.meta.warnings ? { warnings: rule.meta.warnings.map(rename) } : {}),
    },
    check: (resource, context) => rule.check(resource, { ...context, report: (d) => context.report({ ...d, messageId: rename(d.messageId) }) }),
  };
}

describe('findings name their resource', () => {
  it('every finding on a resource names its kind, namespace, name, file and document; a source finding says it has none', async () => {
    const { diagnostics } = await lintText(`${SHOP}---\nkind: [unclosed\n`, { filePath: '/work/shop.yaml', config: CONFIG });
    const syntax = diagnostics.filter((d) => d.ruleId === 'yaml-syntax');
    expect(syntax.length).toBe(1);
    expect(syntax[0]!.resource).toBeNull();
    const onResources = diagnostics.filter((d) => d.ruleId !== 'yaml-syntax');
    expect(onResources.length).toBeGreaterThan(5);
    for (const d of onResources) expect(d.resource, `${d.ruleId} ${d.line}`).not.toBeNull();
    const orphan = diagnostics.find((d) => d.ruleId === 'service-selector-match')!;
    expect(orphan.resource).toEqual({ kind: 'Service', namespace: 'shop', name: 'orphan', filePath: '/work/shop.yaml', document: 4 });
    const route = diagnostics.find((d) => d.ruleId === 'route-backend' && d.reference?.to === 'object' && d.reference.problem === 'missing')!;
    expect(route.resource).toEqual({ kind: 'HTTPRoute', namespace: 'shop', name: 'shop', filePath: '/work/shop.yaml', document: 9 });
  });

  it('a broken reference names the other end, with what is wrong with it', async () => {
    const { diagnostics } = await lintText(SHOP, { filePath: '/work/shop.yaml', config: CONFIG });
    const references = diagnostics.flatMap((d) => (d.reference ? [[d.ruleId, d.reference] as const] : []));
    expect(references).toEqual(
      expect.arrayContaining([
        [
          'ingress-backend-service',
          { to: 'object', at: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend'], target: { kind: 'Service', namespace: 'shop', name: 'nosuch' }, problem: 'missing' },
        ],
        [
          'ingress-backend-port',
          { to: 'object', at: ['spec', 'rules', 0, 'http', 'paths', 1, 'backend'], target: { kind: 'Service', namespace: 'shop', name: 'web' }, problem: 'port-missing' },
        ],
        ['route-backend', { to: 'object', at: ['spec', 'rules', 0, 'backendRefs', 0], target: { kind: 'Service', namespace: 'other', name: 'api' }, problem: 'not-permitted' }],
        ['route-backend', { to: 'object', at: ['spec', 'rules', 0, 'backendRefs', 1], target: { kind: 'Service', namespace: 'shop', name: 'gone' }, problem: 'missing' }],
        ['service-selector-match', { to: 'pods', at: ['spec', 'selector'], problem: 'none-selected' }],
        ['service-target-port', { to: 'pods', at: ['spec', 'ports', 1], problem: 'port-missing' }],
        ['networkpolicy-default-deny', { to: 'default-deny', namespace: 'shop' }],
      ]),
    );
  });
});

describe('the topology reads references, not message ids', () => {
  it('draws the same graph when every rule has its message ids renamed', () => {
    const original = run(RULES).topology;
    // The input has a broken edge of every kind, so the test can see a difference.
    const missing = original.nodes.filter((n) => n.kind === 'missing').map((n) => n.name);
    expect(missing).toEqual(
      expect.arrayContaining([
        'no Service nosuch',
        'no port 81 on web',
        'no port given for web',
        'no ReferenceGrant for other/api',
        'no Service gone',
        'no pods with app=nothing',
        'no container port metrics',
      ]),
    );
    expect(original.namespaces.find((n) => n.name === 'shop')!.isolation.finding).toBeDefined();

    const renamed = run(RULES.map(withRenamedMessageIds)).topology;
    const restored = JSON.parse(JSON.stringify(renamed).replaceAll(/"messageId":"x/g, '"messageId":"')) as Topology;
    expect(restored).toEqual(original);
    expect(JSON.stringify(renamed)).not.toEqual(JSON.stringify(original)); // the renaming reached the findings
  });

  it('a finding joins the resource it is about, not its neighbours', () => {
    const one = run(RULES);
    const orphan = one.topology.nodes.find((n) => n.id === 'Service/shop/orphan')!;
    expect(orphan.findings.map((f) => f.ruleId)).toContain('service-selector-match');
    expect(one.topology.nodes.find((n) => n.id === 'Service/shop/web')!.findings.map((f) => f.ruleId)).not.toContain('service-selector-match');
  });
  it('the items of a List are told apart: a finding on the later definition marks the node drawn', async () => {
    const service = `  - apiVersion: v1
    kind: Service
    metadata: { name: web }
    spec: { selector: { app: nothing }, ports: [{ port: 80 }] }
`;
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api }] }
---
apiVersion: v1
kind: List
items:
${service}${service}`;
    const output = await lintText(text, { filePath: '/work/list.yaml' });
    const found = output.diagnostics.filter((d) => d.ruleId === 'service-selector-match');
    expect(found.map((d) => d.resource)).toEqual([0, 1].map((item) => ({ kind: 'Service', namespace: 'default', name: 'web', filePath: '/work/list.yaml', document: 1, item })));
    const edge = output.topology().edges.find((e) => e.from === 'Service/default/web')!;
    expect(edge.broken?.map((f) => f.line)).toEqual([found[1]!.line]);
  });
});

describe('other ends in reports', () => {
  it('SARIF: the resource as a logical location, the other ends as related locations, valid SARIF 2.1.0', async () => {
    const output = await lintText(SHOP, { filePath: '/work/shop.yaml', config: CONFIG });
    const log = JSON.parse(await sarif(output.results, formatterContext({ cwd: '/work' }))) as {
      runs: { results: { ruleId: string; message: { text: string }; locations: { logicalLocations?: unknown[] }[]; relatedLocations?: unknown[] }[] }[];
    };
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);

    const results = log.runs[0]!.results;
    const missing = results.find((r) => r.ruleId === 'ingress-backend-service')!;
    expect(missing.locations[0]!.logicalLocations).toEqual([{ name: 'shop', fullyQualifiedName: 'Ingress/shop/shop', kind: 'resource' }]);
    expect(missing.relatedLocations).toEqual([
      { id: 0, logicalLocations: [{ name: 'nosuch', fullyQualifiedName: 'Service/shop/nosuch', kind: 'resource' }], message: { text: 'Service shop/nosuch (missing)' } },
    ]);
    const port = results.find((r) => r.ruleId === 'ingress-backend-port')!;
    expect(port.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'shop.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 24, startColumn: 5, endLine: 25, endColumn: 57 } },
        message: { text: 'Service web' },
      },
      { id: 1, logicalLocations: [{ name: 'web', fullyQualifiedName: 'Service/shop/web', kind: 'resource' }], message: { text: 'Service shop/web (port-missing)' } },
    ]);
    expect(results.every((r) => r.locations[0]!.logicalLocations !== undefined)).toBe(true);
  });

  it('LSP: the other end of a cross-resource finding is related information', async () => {
    const output = await lintText(SHOP, { filePath: '/work/shop.yaml', config: CONFIG });
    const port = output.diagnostics.find((d) => d.ruleId === 'ingress-backend-port')!;
    expect(toLspDiagnostic(port, (path) => `file://${path}`).relatedInformation).toEqual([
      { location: { uri: 'file:///work/shop.yaml', range: { start: { line: 23, character: 4 }, end: { line: 24, character: 56 } } }, message: 'Service web' },
    ]);
    const orphan = output.diagnostics.find((d) => d.ruleId === 'service-selector-match')!;
    expect(toLspDiagnostic(orphan, (path) => `file://${path}`).relatedInformation?.map((r) => [r.location.range.start.line + 1, r.message])).toEqual([
      [SHOP.split('\n').indexOf('metadata: { name: web, namespace: shop }') + 1, 'Deployment web, the closest pods'],
    ]);
  });
});
