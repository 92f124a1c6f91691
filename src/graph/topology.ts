/**
 * The topology of a run, from the ResourceIndex the rules read and the findings they made. The
 * references are followed with the same helpers the rules use (src/k8s: ingress backends, route
 * backendRefs, Service selectors through the index's label lookup, default-deny policies); whether a
 * reference is broken is never decided here: it is broken when a finding on the resource says it
 * judged that reference (`Diagnostic.reference`, written at the same path), so the picture and the
 * findings always agree, suppressions and disabled rules included. Findings join their resource by
 * identity (`Diagnostic.resource`); no rule id or message id is read.
 */
import type { Diagnostic, FieldPath, JudgedReference, ReferenceProblem } from '../api/types.js';
import { ingressBackends, ingressHosts, isAlbActionBackend } from '../k8s/ingress.js';
import { isServiceRef, ROUTE_KINDS, routeBackendRefs, routeParentRefs } from '../k8s/gateway.js';
import { defaultDenyDirections } from '../k8s/networkpolicy.js';
import { integerField, stringField, type PlainObject } from '../k8s/objects.js';
import { targetPortOf } from '../k8s/ports.js';
import { formatLabels, serviceSelector } from '../k8s/selectors.js';
import { isHeadless, servicePorts, serviceSpec, serviceType } from '../k8s/service.js';
import { WORKLOAD_KINDS, workloadReplicas } from '../k8s/workloads.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import { locate, toPosition } from '../source/locate.js';
import { nameLine } from './name-line.js';
import type { EdgeKind, Layer, NodeKind, Topology, TopologyEdge, TopologyFinding, TopologyNamespace, TopologyNode } from './types.js';

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
  const builder = new Builder(index, findingsByResource(index, diagnostics));
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
    private readonly findings: ReadonlyMap<Resource, readonly Judged[]>,
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
    return this.index.findAll(resource.kind, resource.namespace, resource.name).flatMap((r) => (this.findings.get(r) ?? []).map((j) => j.finding));
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

  /** The findings on a resource that judged its reference of kind `to` written at `at`. */
  private judgedAt(resource: Resource, to: JudgedReference['to'], at: FieldPath): Judged[] {
    return (this.findings.get(resource) ?? []).filter(({ reference }) => reference?.to === to && 'at' in reference && samePath(reference.at, at));
  }

  /** A broken reference: a red edge from `from` to a missing node named after the first finding (`what` says what is missing, from its judgement). */
  private brokenEdge(from: TopologyNode, namespace: string, found: readonly Judged[], what: (first: Judged) => Missing, kind: EdgeKind, label: string): void {
    const first = mostSevere(found);
    const { name, layer } = what(first);
    const missing = this.plainNode('missing', namespace, name, first.finding.ruleId, layer);
    this.edge(
      from,
      missing,
      kind,
      label,
      found.map((j) => j.finding),
    );
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
      const broken = this.judgedAt(ingress, 'object', path);
      if (broken.length > 0) {
        this.brokenEdge(node, ingress.namespace, broken, (first) => missingBackend(first, backend.serviceName, port, ingress.namespace), 'backend', label);
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
      const broken = this.judgedAt(route, 'object', path);
      if (broken.length > 0) {
        this.brokenEdge(node, route.namespace, broken, (first) => missingBackend(first, ref.name, ref.port === undefined ? '' : String(ref.port), ref.namespace), 'backend', label);
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
      selected =
        selector === undefined
          ? []
          : [
              ...new Set(
                this.index.selectPodTemplates(service.namespace, selector).map(({ workload }) => this.index.find(workload.kind, workload.namespace, workload.name) ?? workload),
              ),
            ];
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
    const selectorFindings = this.judgedAt(service, 'pods', ['spec', 'selector']);
    if (selectorFindings.length > 0) {
      this.brokenEdge(node, service.namespace, selectorFindings, () => ({ name: `no pods with ${formatLabels(selector)}`, layer: 2 }), 'selector', '');
      return;
    }
    // Each port: to the selected pods, or (a finding at its targetPort) to a missing container port.
    const working: string[] = [];
    const brokenPorts: { label: string; target: string; found: Judged[] }[] = [];
    for (const { value: port, path } of servicePorts(service.object)) {
      const label = portLabel(port);
      const found = this.judgedAt(service, 'pods', path);
      if (found.length > 0) brokenPorts.push({ label, target: String(targetPortOf(port) ?? '?'), found });
      else working.push(label);
    }
    // The selected pods are the Service's endpoints even when a port of it is broken.
    for (const workload of this.selectedWorkloads(service).slice(0, MAX_SELECTED_DRAWN)) {
      this.edge(node, this.workloadNode(workload), 'selector', working.join(', '));
    }
    for (const { label, target, found } of brokenPorts) {
      this.brokenEdge(node, service.namespace, found, () => ({ name: `no container port ${target}`, layer: 2 }), 'selector', label);
    }
  }

  private workloadNode(workload: Resource): TopologyNode {
    const replicas = workloadReplicas(workload.kind, workload.object);
    const detail = replicas === undefined ? '' : replicas === 'perNode' ? 'one pod per node' : `×${replicas}`;
    return this.resourceNode(workload, 'workload', 2, detail);
  }

  private namespaceInfo(name: string, denyFindings: ReadonlyMap<string, TopologyFinding>): TopologyNamespace {
    const policies = this.index.ofKindIn('NetworkPolicy', name);
    return { name, isolation: { policies: policies.length, defaultDeny: defaultDenyDirections(policies.map((p) => p.object)), finding: denyFindings.get(name) } };
  }

  /** The finding of each namespace that judged its default-deny policy missing (reported on its first workload or its Namespace object). */
  private defaultDenyFindings(): Map<string, TopologyFinding> {
    const found = new Map<string, TopologyFinding>();
    for (const list of this.findings.values()) {
      for (const { finding, reference } of list) {
        if (reference?.to === 'default-deny' && !found.has(reference.namespace)) found.set(reference.namespace, finding);
      }
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

/** What a broken backend points at, in words, from what the first finding judged. */
function missingBackend(first: Judged, service: string | undefined, port: string, namespace: string): Missing {
  const name = service ?? '?';
  const problem: ReferenceProblem = first.reference?.to === 'object' ? first.reference.problem : 'invalid';
  switch (problem) {
    case 'missing':
      return { name: `no Service ${name}`, layer: 1 };
    case 'port-missing':
      return { name: `no port ${port} on ${name}`, layer: 1 };
    case 'not-permitted':
      return { name: `no ReferenceGrant for ${namespace}/${name}`, layer: 1 };
    case 'port-required':
      return { name: `no port given for ${name}`, layer: 1 };
    case 'invalid':
      return { name: `invalid backend ${name}${port === '' ? '' : ` ${port}`}`, layer: 1 };
  }
}

/** The first of the most severe findings. */
function mostSevere(found: readonly Judged[]): Judged {
  return [...found].sort((a, b) => b.finding.severity - a.finding.severity)[0]!;
}

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
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

/** A finding on a resource, with the reference it judged, if any. */
interface Judged {
  readonly finding: TopologyFinding;
  readonly reference: JudgedReference | undefined;
}

/**
 * Each finding on a resource, joined to it by identity (`Diagnostic.resource`), in position order.
 * Findings of the source stage (no resource) and suppressed ones are left out.
 */
function findingsByResource(index: ResourceIndex, diagnostics: readonly Diagnostic[]): Map<Resource, Judged[]> {
  const result = new Map<Resource, Judged[]>();
  const sorted = diagnostics.filter((d) => d.suppressedBy === undefined && d.resource !== null);
  sorted.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const d of sorted) {
    const { kind, namespace, name, filePath, document, item } = d.resource!;
    const resource = index.findAll(kind, namespace, name).find((r) => r.file.path === filePath && r.document.index === document && r.basePath[1] === item);
    if (!resource) continue;
    const judged: Judged = {
      finding: { ruleId: d.ruleId, messageId: d.messageId, severity: d.severity, message: d.message, file: d.filePath, line: d.line, column: d.column },
      reference: d.reference,
    };
    const own = result.get(resource);
    if (own) own.push(judged);
    else result.set(resource, [judged]);
  }
  return result;
}
