/**
 * The topology of a run, from the ResourceIndex the rules read and the findings they made. The
 * references are followed with the same helpers the rules use (src/k8s: ingress backends, route
 * backendRefs, Service selectors through the index's label lookup, default-deny policies); whether a
 * reference is broken is never decided here: it is broken when a rule reported a finding at it (the
 * finding's rule id and position inside the reference), so the picture and the findings always agree,
 * suppressions and disabled rules included.
 */
import type { Diagnostic, FieldPath } from '../api/types.js';
import { ingressBackends, ingressHosts, isAlbActionBackend } from '../k8s/ingress.js';
import { isServiceRef, ROUTE_KINDS, routeBackendRefs, routeParentRefs } from '../k8s/gateway.js';
import { defaultDenyDirections } from '../k8s/networkpolicy.js';
import { integerField, stringField, valueAt, type PlainObject } from '../k8s/objects.js';
import { targetPortOf } from '../k8s/ports.js';
import { formatLabels, serviceSelector } from '../k8s/selectors.js';
import { isHeadless, servicePorts, serviceSpec, serviceType } from '../k8s/service.js';
import { WORKLOAD_KINDS, workloadReplicas } from '../k8s/workloads.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import { locate, toPosition, type Position } from '../source/locate.js';
import { nameLine } from './name-line.js';
import type { EdgeKind, Layer, NodeKind, Topology, TopologyEdge, TopologyFinding, TopologyNamespace, TopologyNode } from './types.js';

/** The rules whose findings at a reference make it a broken edge, by the kind of reference. */
const INGRESS_BACKEND_RULES = ['ingress-backend-service', 'ingress-backend-port'];
const ROUTE_BACKEND_RULES = ['route-backend'];
const SELECTOR_RULES = ['service-selector-match'];
const TARGET_PORT_RULES = ['service-target-port'];
const DEFAULT_DENY_RULE = 'networkpolicy-default-deny';

/**
 * Edges from one Service to the workloads it selects, at most: past this the picture says nothing more
 * and its size would grow with Services × workloads (1,500 Services sharing a selector: 2 million edges).
 * The Service's detail then says how many it selects.
 */
export const MAX_SELECTED_DRAWN = 50;

/** Workloads that are drawn even when no Service selects them; Jobs and CronJobs only when one does. */
const ALWAYS_DRAWN_WORKLOADS = new Set<string>(WORKLOAD_KINDS.filter((kind) => kind !== 'Job' && kind !== 'CronJob'));

/**
 * Builds the topology. `diagnostics` are the engine's findings as positioned in the parsed files
 * (before any re-attribution to Helm template sources); suppressed ones are ignored.
 */
export function buildTopology(index: ResourceIndex, diagnostics: readonly Diagnostic[]): Topology {
  const findings = findingsByResource(index, diagnostics);
  const builder = new Builder(index, findings);
  builder.build();
  return builder.result();
}

class Builder {
  private readonly nodes = new Map<string, TopologyNode>();
  private readonly edges = new Map<string, { edge: MutableEdge; labels: string[] }>();
  private readonly namespaceOrder = new Map<string, number>();
  private readonly selections = new Map<Resource, readonly Resource[]>();

  constructor(
    private readonly index: ResourceIndex,
    private readonly findings: ReadonlyMap<Resource, readonly TopologyFinding[]>,
  ) {}

  build(): void {
    for (const resource of this.index.all) if (resource.namespace !== '') this.seeNamespace(resource.namespace);
    for (const namespace of this.index.ofKind('Namespace')) if (namespace.name !== '') this.seeNamespace(namespace.name);

    // Nodes of the objects first, in input order, so that each column starts in the order of the files.
    for (const ingress of this.winners('Ingress')) this.resourceNode(ingress, 'ingress', 0, ingressDetail(ingress));
    for (const kind of ROUTE_KINDS) for (const route of this.winners(kind)) this.resourceNode(route, 'route', 0, routeDetail(route));
    for (const service of this.winners('Service')) this.serviceNode(service);
    const workloads = this.index.all.filter((r) => ALWAYS_DRAWN_WORKLOADS.has(r.kind) && this.index.find(r.kind, r.namespace, r.name) === r);
    for (const workload of workloads) this.workloadNode(workload);

    for (const ingress of this.winners('Ingress')) this.addIngress(ingress);
    for (const kind of ROUTE_KINDS) for (const route of this.winners(kind)) this.addRoute(route);
    for (const service of this.winners('Service')) this.addService(service);
  }

  result(): Topology {
    const denyFindings = this.defaultDenyFindings();
    const drawn = new Set([...this.nodes.values()].map((n) => n.namespace));
    for (const namespace of this.index.ofKind('Namespace')) drawn.add(namespace.name);
    const namespaces = [...this.namespaceOrder.keys()].filter((name) => drawn.has(name)).map((name) => this.namespaceInfo(name, denyFindings));
    // By namespace, then layer; within a layer in the order the nodes were made (the objects' input order first).
    const nodes = [...this.nodes.values()].sort((a, b) => this.namespaceOrder.get(a.namespace)! - this.namespaceOrder.get(b.namespace)! || a.layer - b.layer);
    const edges: TopologyEdge[] = [...this.edges.values()].map(({ edge, labels }) => ({ ...edge, label: joinLabels(labels) }));
    return { namespaces, nodes, edges };
  }

  private seeNamespace(name: string): void {
    if (!this.namespaceOrder.has(name)) this.namespaceOrder.set(name, this.namespaceOrder.size);
  }

  /** The objects of a kind that win at apply time (the last definition of each identity), in input order. */
  private winners(kind: string): Resource[] {
    return this.index.ofKind(kind).filter((r) => this.index.find(kind, r.namespace, r.name) === r);
  }

  /** Findings of every definition of the object (a duplicate's findings belong to the same node). */
  private findingsOf(resource: Resource): TopologyFinding[] {
    return this.index.findAll(resource.kind, resource.namespace, resource.name).flatMap((r) => this.findings.get(r) ?? []);
  }

  private resourceNode(resource: Resource, kind: NodeKind, layer: Layer, detail: string): TopologyNode {
    const id = nodeId(resource.kind, resource.namespace, resource.name);
    let node = this.nodes.get(id);
    if (!node) {
      const line = nameLine(resource) ?? toPosition(resource.file, locate(resource.file, resource.document, [...resource.basePath, 'metadata', 'name'])).line;
      node = {
        id,
        kind,
        layer,
        namespace: resource.namespace,
        name: resource.name,
        resourceKind: resource.kind,
        detail,
        source: { file: resource.file.path, line },
        findings: this.findingsOf(resource),
      };
      this.nodes.set(id, node);
    }
    return node;
  }

  private plainNode(kind: 'external' | 'missing' | 'outside', namespace: string, name: string, detail: string, layer: Layer, resourceKind?: string): TopologyNode {
    const id = `${kind}/${namespace}/${resourceKind ?? ''}/${name}/${detail}`;
    let node = this.nodes.get(id);
    if (!node) {
      this.seeNamespace(namespace);
      node = { id, kind, layer, namespace, name, resourceKind, detail, source: undefined, findings: [] };
      this.nodes.set(id, node);
    }
    return node;
  }

  private edge(from: TopologyNode, to: TopologyNode, kind: EdgeKind, label: string, broken?: readonly TopologyFinding[]): void {
    const key = `${from.id}\u0000${to.id}\u0000${kind}`;
    const existing = this.edges.get(key);
    if (existing) {
      if (label !== '' && !existing.labels.includes(label)) existing.labels.push(label);
      if (broken) existing.edge.broken = [...(existing.edge.broken ?? []), ...broken];
      return;
    }
    this.edges.set(key, { edge: { from: from.id, to: to.id, kind, label: '', broken }, labels: label === '' ? [] : [label] });
  }

  /** The findings of `rules` at places inside a resource (the keys and values written at `paths`; paths not written are skipped). */
  private findingsAt(resource: Resource, paths: readonly FieldPath[], rules: readonly string[]): TopologyFinding[] {
    const own = (this.findings.get(resource) ?? []).filter((f) => rules.includes(f.ruleId));
    if (own.length === 0) return [];
    const ranges = paths.filter((path) => valueAt(resource.object, path) !== undefined).map((path) => siteRange(resource, path));
    return own.filter((f) => ranges.some(([start, end]) => !before(f, start) && !before(end, f)));
  }

  /** A broken reference: a red edge from `from` to a missing node named after the first finding. */
  private brokenEdge(from: TopologyNode, namespace: string, found: readonly TopologyFinding[], what: Missing, kind: EdgeKind, label: string): void {
    const first = [...found].sort((a, b) => b.severity - a.severity)[0]!;
    const missing = this.plainNode('missing', namespace, what.name, first.ruleId, what.layer);
    this.edge(from, missing, kind, label, found);
  }

  private addIngress(ingress: Resource): void {
    const hosts = ingressHosts(ingress.object);
    const node = this.resourceNode(ingress, 'ingress', 0, ingressDetail(ingress));
    for (const { value, path } of ingressBackends(ingress.object)) {
      const backend = value.backend;
      const route = value.origin === 'default' ? 'default' : `${hosts.length > 1 && value.host ? value.host : ''}${value.httpPath ?? '/'}`;
      if (backend.kind !== 'service') {
        this.externalResourceBackend(node, ingress, backend.resourceKind, backend.name, route);
        continue;
      }
      const port = backend.port === undefined ? '' : 'number' in backend.port ? String(backend.port.number) : backend.port.name;
      const label = port === '' ? route : `${route} → ${port}`;
      const broken = this.findingsAt(ingress, [path], INGRESS_BACKEND_RULES);
      if (broken.length > 0) {
        this.brokenEdge(node, ingress.namespace, broken, missingFor(broken, backend.serviceName, port, ingress.namespace), 'backend', label);
        continue;
      }
      if (backend.serviceName === undefined || backend.serviceName === '' || isAlbActionBackend(backend)) continue;
      this.serviceTarget(node, ingress.namespace, backend.serviceName, label);
    }
  }

  private externalResourceBackend(from: TopologyNode, owner: Resource, kind: string | undefined, name: string | undefined, route: string): void {
    if (name === undefined || name === '') return;
    const target = this.plainNode('outside', owner.namespace, name, `${kind ?? 'resource'} backend`, 1, kind);
    this.edge(from, target, 'backend', route);
  }

  /** An edge to the Service a reference names: its node when the input holds it, else an outside node. */
  private serviceTarget(from: TopologyNode, namespace: string, name: string, label: string): void {
    const service = this.index.find('Service', namespace, name);
    const target = service ? this.serviceNode(service) : this.plainNode('outside', namespace, name, 'not in the input', 1, 'Service');
    this.edge(from, target, 'backend', label);
  }

  private addRoute(route: Resource): void {
    const node = this.resourceNode(route, 'route', 0, routeDetail(route));
    for (const { value: ref, path } of routeBackendRefs(route)) {
      if (!isServiceRef(ref) || ref.name === undefined || ref.name === '') continue;
      const label = ref.port === undefined ? '' : `→ ${ref.port}`;
      // Where route-backend reports on a backendRef; not the whole ref, which may hold request mirrors with refs of their own.
      const broken = this.findingsAt(route, [[...path, 'name'], [...path, 'port'], [...path, 'namespace']], ROUTE_BACKEND_RULES);
      if (broken.length > 0) {
        this.brokenEdge(node, route.namespace, broken, missingFor(broken, ref.name, ref.port === undefined ? '' : String(ref.port), ref.namespace), 'backend', label);
        continue;
      }
      this.serviceTarget(node, ref.namespace, ref.name, label);
    }
  }

  private serviceNode(service: Resource): TopologyNode {
    const type = serviceType(service.object);
    const selected = this.selectedWorkloads(service).length;
    const more = selected > MAX_SELECTED_DRAWN ? ` · selects ${selected.toLocaleString('en-US')} workloads, ${MAX_SELECTED_DRAWN} drawn` : '';
    const detail = type === 'ExternalName' ? 'ExternalName' : `${isHeadless(service.object) ? `${type} · headless` : type}${more}`;
    return this.resourceNode(service, 'service', 1, detail);
  }

  /** The workloads whose pods a Service selects (the winning definition of each), once per Service. */
  private selectedWorkloads(service: Resource): readonly Resource[] {
    let selected = this.selections.get(service);
    if (selected === undefined) {
      const selector = serviceType(service.object) === 'ExternalName' ? undefined : serviceSelector(service.object);
      selected = selector === undefined ? [] : [...new Set(this.index.selectPodTemplates(service.namespace, selector).map(({ workload }) => this.index.find(workload.kind, workload.namespace, workload.name) ?? workload))];
      this.selections.set(service, selected);
    }
    return selected;
  }

  private addService(service: Resource): void {
    const node = this.serviceNode(service);
    if (serviceType(service.object) === 'ExternalName') {
      const host = stringField(serviceSpec(service.object), 'externalName');
      if (host !== undefined && host !== '') this.edge(node, this.plainNode('external', service.namespace, host, 'external name', 2), 'externalName', 'DNS alias');
      return;
    }
    const selector = serviceSelector(service.object);
    if (selector === undefined) return;
    const selectorFindings = this.findingsAt(service, [['spec', 'selector']], SELECTOR_RULES);
    if (selectorFindings.length > 0) {
      this.brokenEdge(node, service.namespace, selectorFindings, { name: `no pods with ${formatLabels(selector)}`, layer: 2 }, 'selector', '');
      return;
    }
    // Each port: to the selected pods, or (a finding at its targetPort) to a missing container port.
    const working: string[] = [];
    const brokenPorts: { label: string; target: string; found: TopologyFinding[] }[] = [];
    for (const { value: port, path } of servicePorts(service.object)) {
      const label = portLabel(port);
      const found = this.findingsAt(service, [path], TARGET_PORT_RULES);
      if (found.length > 0) brokenPorts.push({ label, target: String(targetPortOf(port) ?? '?'), found });
      else working.push(label);
    }
    // The selected pods are the Service's endpoints even when a port of it is broken.
    for (const workload of this.selectedWorkloads(service).slice(0, MAX_SELECTED_DRAWN)) {
      this.edge(node, this.workloadNode(workload), 'selector', working.join(', '));
    }
    for (const { label, target, found } of brokenPorts) {
      this.brokenEdge(node, service.namespace, found, { name: `no container port ${target}`, layer: 2 }, 'selector', label);
    }
  }

  private workloadNode(workload: Resource): TopologyNode {
    const replicas = workloadReplicas(workload.kind, workload.object);
    const detail = replicas === undefined ? '' : replicas === 'perNode' ? 'one pod per node' : `×${replicas}`;
    return this.resourceNode(workload, 'workload', 2, detail);
  }

  private namespaceInfo(name: string, denyFindings: ReadonlyMap<string, TopologyFinding>): TopologyNamespace {
    const policies = this.index.inNamespace(name).filter((r) => r.kind === 'NetworkPolicy');
    return { name, isolation: { policies: policies.length, defaultDeny: defaultDenyDirections(policies.map((p) => p.object)), finding: denyFindings.get(name) } };
  }

  /** The networkpolicy-default-deny finding of each namespace (reported on its first workload or its Namespace object). */
  private defaultDenyFindings(): Map<string, TopologyFinding> {
    const found = new Map<string, TopologyFinding>();
    for (const [resource, list] of this.findings) {
      const namespace = resource.kind === 'Namespace' ? resource.name : resource.namespace;
      const finding = list.find((f) => f.ruleId === DEFAULT_DENY_RULE);
      if (finding && !found.has(namespace)) found.set(namespace, finding);
    }
    return found;
  }
}

/** The hosts an Ingress serves: `shop.example.com`, `a.example.com +2`, `every host`. */
function ingressDetail(ingress: Resource): string {
  const hosts = ingressHosts(ingress.object);
  return hosts.length === 0 ? 'every host' : hosts.length <= 2 ? hosts.join(', ') : `${hosts[0]} +${hosts.length - 1}`;
}

/** The Gateways a route attaches to: `via web`, `no parent`. */
function routeDetail(route: Resource): string {
  const parents = routeParentRefs(route)
    .map(({ value }) => value.name)
    .filter((name): name is string => name !== undefined && name !== '');
  return parents.length === 0 ? 'no parent' : `via ${parents.slice(0, 2).join(', ')}${parents.length > 2 ? ` +${parents.length - 2}` : ''}`;
}

interface MutableEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label: string;
  broken: readonly TopologyFinding[] | undefined;
}

interface Missing {
  readonly name: string;
  readonly layer: Layer;
}

/** What a broken backend points at, in words, from the finding's message id. */
function missingFor(found: readonly TopologyFinding[], service: string | undefined, port: string, namespace: string): Missing {
  const first = [...found].sort((a, b) => b.severity - a.severity)[0]!;
  const name = service ?? '?';
  switch (first.messageId) {
    case 'missing':
    case 'serviceMissing':
      return { name: `no Service ${name}`, layer: 1 };
    case 'numberMissing':
    case 'targetPort':
    case 'nameMissing':
    case 'portMissing':
      return { name: `no port ${port} on ${name}`, layer: 1 };
    case 'grantMissing':
      return { name: `no ReferenceGrant for ${namespace}/${name}`, layer: 1 };
    case 'portRequired':
      return { name: `no port given for ${name}`, layer: 1 };
    default:
      return { name: `invalid backend ${name}${port === '' ? '' : ` ${port}`}`, layer: 1 };
  }
}

/** `80→http` (the Service port and where it sends traffic), `53/UDP`. */
function portLabel(port: PlainObject): string {
  const number = integerField(port, 'port');
  const target = targetPortOf(port);
  const protocol = stringField(port, 'protocol');
  const base = target === undefined || target === number ? `${number ?? '?'}` : `${number ?? '?'}→${target}`;
  return protocol === undefined || protocol === 'TCP' ? base : `${base}/${protocol}`;
}

/** At most four labels, then a count. */
function joinLabels(labels: readonly string[]): string {
  return labels.length <= 4 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} +${labels.length - 3}`;
}

function nodeId(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The source range of what is written at `path` (key and value), as positions. */
function siteRange(resource: Resource, path: FieldPath): [Position, Position] {
  const full = [...resource.basePath, ...path];
  const value = locate(resource.file, resource.document, full, 'value');
  const key = locate(resource.file, resource.document, full, 'key');
  return [toPosition(resource.file, { start: Math.min(key.start, value.start), end: Math.min(key.start, value.start) }), toPosition(resource.file, { start: Math.max(key.end, value.end), end: Math.max(key.end, value.end) })];
}

function before(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/**
 * Each finding on a resource, attached to it by position: the finding lies inside the resource's
 * source range and names its kind. Findings of the source stage (no resource) are left out.
 */
function findingsByResource(index: ResourceIndex, diagnostics: readonly Diagnostic[]): Map<Resource, TopologyFinding[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.suppressedBy !== undefined || d.nodeType === null) continue;
    const list = byFile.get(d.filePath);
    if (list) list.push(d);
    else byFile.set(d.filePath, [d]);
  }
  const result = new Map<Resource, TopologyFinding[]>();
  if (byFile.size === 0) return result;
  const resourcesByFile = new Map<string, Resource[]>();
  for (const resource of index.all) {
    if (!byFile.has(resource.file.path)) continue;
    const list = resourcesByFile.get(resource.file.path);
    if (list) list.push(resource);
    else resourcesByFile.set(resource.file.path, [resource]);
  }
  for (const [path, list] of byFile) {
    const resources = (resourcesByFile.get(path) ?? []).map((resource) => {
      const range = locate(resource.file, resource.document, resource.basePath);
      return { resource, start: toPosition(resource.file, range), end: toPosition(resource.file, { start: range.end, end: range.end }) };
    });
    resources.sort((a, b) => (before(a.start, b.start) ? -1 : before(b.start, a.start) ? 1 : 0));
    const sorted = [...list].sort((a, b) => a.line - b.line || a.column - b.column);
    // Both sorted by position, and resources do not overlap: one sweep.
    let i = 0;
    for (const d of sorted) {
      while (i < resources.length && before(resources[i]!.end, d)) i++;
      const candidate = resources[i];
      if (!candidate || before(d, candidate.start) || candidate.resource.kind !== d.nodeType) continue;
      const finding: TopologyFinding = { ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, message: d.message, file: d.filePath, line: d.line, column: d.column };
      const own = result.get(candidate.resource);
      if (own) own.push(finding);
      else result.set(candidate.resource, [finding]);
    }
  }
  return result;
}
