/**
 * The topology (src/graph/topology.ts) on small inputs: nodes, edges, red edges taken from the
 * findings, isolation per namespace; the Mermaid chart and its size bound; the `graph` command.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { MERMAID_MAX_NODES, renderMermaid } from '../src/format/mermaid.js';
import { html } from '../src/format/html.js';
import { formatterContext } from '../src/format/context.js';
import type { Topology, TopologyEdge, TopologyNode } from '../src/graph/types.js';
import { closestSpaced, layoutLayers, NODE_HEIGHT } from '../src/graph/layout.js';
import { lintText } from '../src/lint.js';

const ROOT = join(import.meta.dirname, '..');

async function topologyOf(text: string, options: Parameters<typeof lintText>[1] = {}): Promise<Topology> {
  return (await lintText(text, { filePath: '/work/app.yaml', ...options })).topology();
}

function node(topology: Topology, id: string): TopologyNode {
  const found = topology.nodes.find((n) => n.id === id);
  expect(found, `node ${id} in ${topology.nodes.map((n) => n.id).join(', ')}`).toBeDefined();
  return found!;
}

function edgesFrom(topology: Topology, id: string): TopologyEdge[] {
  return topology.edges.filter((e) => e.from === id);
}

const deployment = (name: string, ns: string, labels: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  replicas: 3
  selector: { matchLabels: { ${labels} } }
  template:
    metadata: { labels: { ${labels} } }
    spec:
      containers:
        - name: c
          image: x
          ports: [{ name: http, containerPort: 8080 }]
${extra}`;

/** The input holds the whole shop namespace (its Namespace object), so references into it are judged. */
const SHOP_NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';
const service = (name: string, ns: string, spec: string): string => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec:
${spec}`;

const ingress = (name: string, ns: string, paths: readonly [string, string, string][]): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name}, namespace: ${ns} }
spec:
  ingressClassName: nginx
  rules:
    - host: ${ns}.example.com
      http:
        paths:
${paths.map(([path, svc, port]) => `          - path: ${path}\n            pathType: Prefix\n            backend:\n              service:\n                name: ${svc}\n                port: { ${/^\d+$/.test(port) ? 'number' : 'name'}: ${port} }`).join('\n')}
`;

const DEFAULT_DENY = (ns: string, types: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [${types}]
`;

describe('topology', () => {
  it('draws Ingress → Service → workload with ports, types, replicas and external names', async () => {
    const topology = await topologyOf(
      [
        ingress('front', 'shop', [
          ['/', 'web', 'http'],
          ['/docs', 'docs', '80'],
        ]),
        service('web', 'shop', '  type: NodePort\n  selector: { app: web }\n  ports: [{ name: http, port: 80, targetPort: http }, { name: alt, port: 8080 }]'),
        service('docs', 'shop', '  type: ExternalName\n  externalName: docs.example.org'),
        deployment('web', 'shop', 'app: web'),
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: agent, namespace: shop }\nspec:\n  selector: { matchLabels: { app: agent } }\n  template:\n    metadata: { labels: { app: agent } }\n    spec: { containers: [{ name: a, image: x }] }\n',
      ].join('\n---\n'),
    );
    expect(topology.namespaces.map((n) => n.name)).toEqual(['shop']);
    expect(node(topology, 'Ingress/shop/front')).toMatchObject({ kind: 'ingress', layer: 0, detail: 'shop.example.com', source: { file: '/work/app.yaml', line: 3 } });
    expect(node(topology, 'Service/shop/web')).toMatchObject({ kind: 'service', layer: 1, detail: 'NodePort' });
    expect(node(topology, 'Service/shop/docs').detail).toBe('ExternalName');
    expect(node(topology, 'Deployment/shop/web')).toMatchObject({ kind: 'workload', layer: 2, detail: '×3' });
    expect(node(topology, 'DaemonSet/shop/agent').detail).toBe('one pod per node');
    expect(edgesFrom(topology, 'Ingress/shop/front').map((e) => [e.to, e.label, e.broken])).toEqual([
      ['Service/shop/web', '/ → http', undefined],
      ['Service/shop/docs', '/docs → 80', undefined],
    ]);
    expect(edgesFrom(topology, 'Service/shop/web').map((e) => [e.to, e.kind, e.label])).toEqual([['Deployment/shop/web', 'selector', '80→http, 8080']]);
    const alias = edgesFrom(topology, 'Service/shop/docs');
    expect(alias).toHaveLength(1);
    expect(alias[0]).toMatchObject({ kind: 'externalName', label: 'DNS alias' });
    expect(node(topology, alias[0]!.to)).toMatchObject({ kind: 'external', name: 'docs.example.org', layer: 2 });
    expect(topology.edges.some((e) => e.broken)).toBe(false);
  });

  it('turns each broken reference a rule reports into a red edge to a missing node named after the rule', async () => {
    const text = [
      service('api', 'shop', '  selector: { app: api-v1 }\n  ports: [{ port: 80, targetPort: 8080 }]'),
      service('web', 'shop', '  selector: { app: web }\n  ports:\n    - { name: http, port: 80, targetPort: http }\n    - { name: metrics, port: 9090, targetPort: metric }'),
      deployment('web', 'shop', 'app: web'),
      deployment('api', 'shop', 'app: api'),
      ingress('front', 'shop', [
        ['/', 'web', 'http'],
        ['/api', 'api', '8080'],
        ['/old', 'legacy', '80'],
      ]),
    ].join('\n---\n');
    const topology = await topologyOf(text);
    const red = topology.edges.filter((e) => e.broken);
    const summary = red.map((e) => ({ from: e.from, to: node(topology, e.to).name, rule: node(topology, e.to).detail, label: e.label, line: e.broken![0]!.line }));
    expect(summary).toEqual([
      { from: 'Ingress/shop/front', to: 'no port 8080 on api', rule: 'ingress-backend-port', label: '/api → 8080', line: expect.any(Number) },
      { from: 'Ingress/shop/front', to: 'no Service legacy', rule: 'ingress-backend-service', label: '/old → 80', line: expect.any(Number) },
      { from: 'Service/shop/api', to: 'no pods with app=api-v1', rule: 'service-selector-match', label: '', line: 5 },
      { from: 'Service/shop/web', to: 'no container port metric', rule: 'service-target-port', label: '9090→metric', line: 15 },
    ]);
    for (const edge of red) expect(node(topology, edge.to)).toMatchObject({ kind: 'missing', source: undefined });
    // The findings are the lint's own: same rule, message and position.
    const { diagnostics } = await lintText(text, { filePath: '/work/app.yaml' });
    for (const edge of red) {
      const finding = edge.broken![0]!;
      expect(diagnostics.some((d) => d.ruleId === finding.ruleId && d.line === finding.line && d.column === finding.column && d.message === finding.message)).toBe(true);
    }
    // The working port still reaches the pods; the Service with the broken selector reaches none.
    expect(
      edgesFrom(topology, 'Service/shop/web')
        .filter((e) => !e.broken)
        .map((e) => [e.to, e.label]),
    ).toEqual([['Deployment/shop/web', '80→http']]);
    expect(topology.edges.some((e) => e.to === 'Deployment/shop/api')).toBe(false);
    expect(node(topology, 'Service/shop/api').findings.map((f) => f.ruleId)).toEqual(['service-selector-match']);
    // Missing nodes sit with what is missing: Services and ports among the Services, pods among the workloads.
    expect(red.map((e) => node(topology, e.to).layer)).toEqual([1, 1, 2, 2]);
  });

  it('does not cry wolf on partial input: a Service missing from the input is drawn as outside it, not as broken', async () => {
    const topology = await topologyOf(ingress('front', 'shop', [['/', 'web', '80']]));
    const [edge] = edgesFrom(topology, 'Ingress/shop/front');
    expect(edge!.broken).toBeUndefined();
    expect(node(topology, edge!.to)).toMatchObject({ kind: 'outside', name: 'web', resourceKind: 'Service', detail: 'not in the input' });
  });

  it('follows the findings, not its own checks: a disabled rule or a suppressed finding draws no red edge', async () => {
    const text = [SHOP_NAMESPACE, service('web', 'shop', '  ports: [{ port: 80 }]'), ingress('front', 'shop', [['/', 'gone', '80']])].join('\n---\n');
    expect((await topologyOf(text)).edges.filter((e) => e.broken)).toHaveLength(1);
    const off = await topologyOf(text, { ruleOverrides: { 'ingress-backend-service': 'off' } });
    expect(off.edges.filter((e) => e.broken)).toHaveLength(0);
    expect(node(off, edgesFrom(off, 'Ingress/shop/front')[0]!.to).kind).toBe('outside');
    const suppressed = await topologyOf(
      text.replace('metadata: { name: front, namespace: shop }', 'metadata: { name: front, namespace: shop, annotations: { k8s-svc-lint.io/ignore: ingress-backend-service } }'),
    );
    expect(suppressed.edges.filter((e) => e.broken)).toHaveLength(0);
  });

  it('tells per namespace whether a default-deny policy isolates it, with the rule finding where one is missing', async () => {
    const topology = await topologyOf(
      [
        DEFAULT_DENY('locked', 'Ingress, Egress'),
        deployment('a', 'locked', 'app: a'),
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: allow-web, namespace: open }\nspec:\n  podSelector: { matchLabels: { app: b } }\n  ingress: [{ from: [{ podSelector: {} }] }]\n',
        deployment('b', 'open', 'app: b'),
        // No policy selects these pods, so the namespace is open.
        deployment('b2', 'open', 'app: b2'),
        deployment('c', 'unknown', 'app: c'),
      ].join('\n---\n'),
    );
    const isolation = Object.fromEntries(topology.namespaces.map((n) => [n.name, { ...n.isolation, finding: n.isolation.finding?.ruleId }]));
    expect(isolation).toEqual({
      locked: { policies: 1, defaultDeny: ['Ingress', 'Egress'], finding: undefined },
      open: { policies: 1, defaultDeny: [], finding: 'networkpolicy-default-deny' },
      unknown: { policies: 0, defaultDeny: [], finding: undefined },
    });
  });

  it('draws Gateway API routes, across namespaces too, with route-backend findings as red edges', async () => {
    const topology = await topologyOf(
      [
        `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: store, namespace: shop }
spec:
  parentRefs: [{ name: public }]
  rules:
    - backendRefs:
        - name: web
          port: 80
          filters:
            - { type: RequestMirror, requestMirror: { backendRef: { name: shadow, port: 80 } } }
        - { name: web, port: 8080 }
        - { name: search, namespace: search, port: 80 }
`,
        SHOP_NAMESPACE,
        service('web', 'shop', '  selector: { app: web }\n  ports: [{ port: 80, targetPort: 8080 }]'),
        service('search', 'search', '  ports: [{ port: 80 }]'),
        `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: from-shop, namespace: search }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop }]
  to: [{ group: "", kind: Service }]
`,
      ].join('\n---\n'),
    );
    expect(node(topology, 'HTTPRoute/shop/store')).toMatchObject({ kind: 'route', layer: 0, detail: 'via public' });
    const edges = edgesFrom(topology, 'HTTPRoute/shop/store').map((e) => [node(topology, e.to).name, e.label, e.broken?.[0]?.ruleId]);
    // The mirror's missing Service is its own red edge; the backendRef holding it is fine.
    expect(edges).toEqual([
      ['web', '→ 80', undefined],
      ['no Service shadow', '→ 80', 'route-backend'],
      ['no port 8080 on web', '→ 8080', 'route-backend'],
      ['search', '→ 80', undefined],
    ]);
    expect(node(topology, 'Service/search/search').namespace).toBe('search');
  });

  it('draws each object once: the definition that wins at apply, with the findings of every definition', async () => {
    const topology = await topologyOf(
      [service('api', 'shop', '  type: CLusterIP\n  ports: [{ port: 80 }]'), service('api', 'shop', '  type: NodePort\n  ports: [{ port: 80 }]')].join('\n---\n'),
    );
    expect(topology.nodes.filter((n) => n.kind === 'service')).toHaveLength(1);
    const api = node(topology, 'Service/shop/api');
    expect(api.detail).toBe('NodePort');
    expect(api.source!.line).toBe(10);
    expect(api.findings.map((f) => f.ruleId).sort()).toEqual(['duplicate-resource', 'schema']);
  });

  it('places findings inside kind: List items on the right item', async () => {
    const topology = await topologyOf(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: { name: ok, namespace: shop }
    spec: { selector: { app: web }, ports: [{ port: 80, targetPort: 8080 }] }
  - apiVersion: v1
    kind: Service
    metadata: { name: typo, namespace: shop }
    spec: { selector: { app: wbe }, ports: [{ port: 80 }] }
  - ${deployment('web', 'shop', 'app: web').replace(/\n/g, '\n    ')}`);
    expect(topology.edges.filter((e) => e.broken).map((e) => [e.from, e.broken![0]!.ruleId])).toEqual([['Service/shop/typo', 'service-selector-match']]);
    expect(edgesFrom(topology, 'Service/shop/ok').map((e) => e.to)).toEqual(['Deployment/shop/web']);
  });
});

describe('layout', () => {
  it('puts each layer in a column, keeps nodes apart, and centres a node among the nodes it links to', () => {
    const nodes = [
      { id: 'in', layer: 0 as const },
      { id: 'a', layer: 1 as const },
      { id: 'b', layer: 1 as const },
      { id: 'c', layer: 1 as const },
      { id: 'lonely', layer: 2 as const },
      { id: 'wa', layer: 2 as const },
    ];
    const edges = [
      { from: 'in', to: 'a' },
      { from: 'in', to: 'b' },
      { from: 'in', to: 'c' },
      { from: 'a', to: 'wa' },
    ];
    const layout = layoutLayers(nodes, edges);
    const at = new Map(layout.nodes.map((p) => [p.node.id, p]));
    expect(new Set(['a', 'b', 'c'].map((id) => at.get(id)!.x)).size).toBe(1);
    expect(at.get('in')!.x).toBeLessThan(at.get('a')!.x);
    expect(at.get('a')!.x).toBeLessThan(at.get('wa')!.x);
    for (const p of layout.nodes) {
      for (const q of layout.nodes) if (p !== q && p.x === q.x) expect(Math.abs(p.y - q.y)).toBeGreaterThanOrEqual(NODE_HEIGHT);
    }
    // The fan's source sits at the middle of its targets; the unconnected node below the connected part.
    expect(Math.abs(at.get('in')!.y - at.get('b')!.y)).toBeLessThan(2);
    expect(Math.abs(at.get('wa')!.y - at.get('a')!.y)).toBeLessThan(2);
    expect(at.get('lonely')!.y).toBeGreaterThan(at.get('c')!.y);
    expect(layout.edges).toHaveLength(4);
    expect(layout.height).toBeGreaterThanOrEqual(at.get('lonely')!.y + NODE_HEIGHT);
  });

  it('places positions as close as it can to the wanted ones, in order, a gap apart', () => {
    expect(closestSpaced([0, 0, 0], 10)).toEqual([-10, 0, 10]);
    expect(closestSpaced([0, 50, 55], 10)).toEqual([0, 47.5, 57.5]);
    expect(closestSpaced([5, 100], 10)).toEqual([5, 100]);
  });
});

/** A topology of `namespaces` × `services` chains (Service → Deployment), the first `broken` namespaces with a broken selector each. */
function syntheticTopology(namespaces: number, services: number, broken: number): Topology {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const none = { policies: 0, defaultDeny: [], finding: undefined };
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    for (let s = 0; s < services; s++) {
      const base = { namespace: ns, source: { file: '/x.yaml', line: 1 }, findings: [] };
      nodes.push({ ...base, id: `Service/${ns}/s${s}`, kind: 'service', layer: 1, name: `s${s}`, resourceKind: 'Service', detail: 'ClusterIP' });
      nodes.push({ ...base, id: `Deployment/${ns}/s${s}`, kind: 'workload', layer: 2, name: `s${s}`, resourceKind: 'Deployment', detail: '×1' });
      edges.push({ from: `Service/${ns}/s${s}`, to: `Deployment/${ns}/s${s}`, kind: 'selector', label: '80', broken: undefined });
    }
    if (n < broken) {
      const finding = { ruleId: 'service-selector-match', messageId: 'noMatch', severity: 1 as const, message: 'm', file: '/x.yaml', line: 1, column: 1 };
      nodes.push({
        id: `missing/${ns}`,
        kind: 'missing',
        layer: 2,
        namespace: ns,
        name: 'no pods with app=x',
        resourceKind: undefined,
        detail: 'service-selector-match',
        source: undefined,
        findings: [],
      });
      edges.push({ from: `Service/${ns}/s0`, to: `missing/${ns}`, kind: 'selector', label: '', broken: [finding] });
    }
  }
  return { namespaces: Array.from({ length: namespaces }, (_, n) => ({ name: `ns-${n}`, isolation: none })), nodes, edges };
}

const drawnNodes = (chart: string): string[] => chart.split('\n').filter((l) => /^\s+[nms]\d+[[({]/.test(l));

describe('mermaid', () => {
  it('draws the example app: a subgraph per namespace, link styles for the broken references by severity', async () => {
    let stdout = '';
    const code = await runCli(['graph', 'examples/'], { cwd: ROOT, env: {}, stdin: Readable.from([]), stdoutIsTTY: false, write: (t) => (stdout += t), writeError: () => {} });
    expect(code).toBe(0);
    expect(stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(stdout).toContain('subgraph ns0["namespace shop · 🔒 default-deny: Ingress"]');
    // Two errors in red; the selector that matches no pod is a warning, in amber, and so is its missing node.
    expect(stdout).toMatch(/linkStyle \d+,\d+ stroke:#cf222e/);
    expect(stdout).toMatch(/linkStyle \d+ stroke:#bf8700/);
    expect(stdout).toMatch(/style m\d+ fill:#fff8c5,stroke:#bf8700/);
    for (const rule of ['ingress-backend-port', 'service-selector-match', 'service-target-port']) expect(stdout).toContain(`<i>${rule}</i>`);
  });

  it('escapes what Mermaid would read as markup', () => {
    const topology = syntheticTopology(1, 1, 0);
    const odd: Topology = { ...topology, edges: topology.edges.map((e) => ({ ...e, label: '/a"b#c<d>' })) };
    expect(renderMermaid(odd)).toContain('-->|"/a#quot;b#35;c#lt;d#gt;"|');
  });

  it('stays whole below the bound', () => {
    const chart = renderMermaid(syntheticTopology(2, 5, 1));
    expect(drawnNodes(chart)).toHaveLength(21);
    expect(chart).not.toContain('not drawn');
  });

  it('collapses namespaces without findings into one node, and says so', () => {
    const chart = renderMermaid(syntheticTopology(40, 5, 2));
    const drawn = drawnNodes(chart);
    expect(drawn.length).toBeLessThanOrEqual(MERMAID_MAX_NODES);
    expect(chart).toContain('✔ 38 namespaces without findings: ns-2, ns-3, ns-4, ns-5, ns-6 +33');
    expect(chart).toContain('subgraph ns0["namespace ns-0');
    expect(chart).not.toContain('namespace ns-2 ·');
    expect((chart.match(/linkStyle ([\d,]+)/)?.[1] ?? '').split(',')).toHaveLength(2);
  });

  it('keeps only the objects near a problem in large namespaces with findings, then cuts namespaces off', () => {
    const near = renderMermaid(syntheticTopology(3, 30, 3));
    expect(drawnNodes(near).length).toBeLessThanOrEqual(MERMAID_MAX_NODES);
    expect(near).toContain('+ 29 Services, 29 workloads without findings');
    const many = renderMermaid(syntheticTopology(100, 3, 100));
    expect(drawnNodes(many).length).toBeLessThanOrEqual(MERMAID_MAX_NODES);
    expect(many).toMatch(/\+ \d+ more namespaces with findings not drawn: ns-\d+/);
    expect(many.length).toBeLessThan(20_000);
  });
});

describe('graph command and formats', () => {
  const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { cwd: ROOT, env: {}, stdin: Readable.from([]), stdoutIsTTY: false, write: (t) => (stdout += t), writeError: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('prints the topology as JSON, and the HTML report', async () => {
    const json = await run(['graph', '--format', 'json', 'examples/']);
    expect(json.code).toBe(0);
    const topology = JSON.parse(json.stdout) as Topology;
    expect(topology.edges.filter((e) => e.broken)).toHaveLength(3);
    const page = await run(['graph', '-f', 'html', 'examples/']);
    expect(page.code).toBe(0);
    expect(page.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it('the lint command draws too with --format mermaid or html, and keeps its exit code', async () => {
    const chart = await run(['--format', 'mermaid', 'examples/']);
    expect(chart.code).toBe(1);
    expect(chart.stdout.startsWith('flowchart LR')).toBe(true);
  });

  it('graph refuses formats that do not draw', async () => {
    expect(await run(['graph', '--format', 'stylish', 'examples/'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'k8s-svc-lint: graph draws mermaid, html, json, not "stylish"\nRun `k8s-svc-lint --help` for usage.\n',
    });
  });

  it('the HTML report draws every namespace of a large topology, in linear time, escaping what it shows', () => {
    const topology = syntheticTopology(100, 20, 10);
    const start = performance.now();
    const page = html([], { ...formatterContext({ cwd: '/' }), topology }) as string;
    expect(performance.now() - start).toBeLessThan(2000);
    // Every Service is drawn; a namespace with a problem among many clean Services also has a drawing of its
    // problems alone, so a broken edge appears there and in the namespace's full drawing.
    const services = new Set([...page.matchAll(/<g class="node service[^"]*"[^>]* data-node="([^"]+)"/g)].map((m) => m[1]));
    expect(services.size).toBe(2000);
    expect(page.match(/<g class="edge broken/g)).toHaveLength(20);
    expect(page.match(/<template class="full">/g)).toHaveLength(10);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(page).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    const odd: Topology = { ...topology, nodes: topology.nodes.map((n, i) => (i === 0 ? { ...n, name: '<script>alert(1)</script>' } : n)) };
    const escaped = html([], { ...formatterContext({ cwd: '/' }), topology: odd }) as string;
    expect(escaped).not.toContain('<script>alert(1)');
    expect(escaped).toContain('&lt;script&gt;alert(1)');
  });

  it('a drawing formatter called without a topology says what it needs', () => {
    expect(() => html([], formatterContext())).toThrow(/context\.topology/);
  });
});

describe('nameLine: the line of metadata.name from the text, as the syntax tree gives it', () => {
  it('agrees with the tree on every fixture and example, and answers for the block and flow styles', async () => {
    const { readdirSync } = await import('node:fs');
    const { readSourceFile } = await import('../src/source/read.js');
    const { collectResources } = await import('../src/model/resources.js');
    const { locate, toPosition } = await import('../src/source/locate.js');
    const { nameLine } = await import('../src/graph/name-line.js');
    const root = join(import.meta.dirname, '..');
    const paths = ['fixtures', 'examples'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.name.endsWith('.expect.yaml'))
        .map((e) => join(e.parentPath, e.name)),
    );
    let answered = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const resource of collectResources(paths.map(readSourceFile), 'default')) {
      if (resource.basePath.length > 0) continue;
      total++;
      const line = nameLine(resource);
      if (line === undefined) continue;
      answered++;
      const expected = toPosition(resource.file, locate(resource.file, resource.document, ['metadata', 'name'])).line;
      if (line !== expected) wrong.push(`${resource.file.path} ${resource.kind}/${resource.name}: ${line}, tree says ${expected}`);
    }
    expect(wrong).toEqual([]);
    // Most manifests are answered from the text; the rest fall back to the tree.
    expect(answered / total).toBeGreaterThan(0.9);
  });
});
