/**
 * The topology as a Mermaid flowchart, which GitHub renders in Markdown (READMEs, job summaries,
 * pull-request comments). One subgraph per namespace, titled with its default-deny isolation; broken
 * references are edges to a "missing" node named after the rule that found them, red for an error and
 * amber when only warnings found them.
 *
 * Bounded: past `maxNodes` nodes, namespaces without findings become one summary node, then within
 * the namespaces with findings only the objects with a problem and their neighbours stay (the rest is
 * counted in one node per namespace), then namespaces are cut off in input order. The chart says what
 * it left out.
 */
import { isolationOf } from '../graph/describe.js';
import type { Topology, TopologyEdge, TopologyNamespace, TopologyNode } from '../graph/types.js';
import { mermaidText as text } from './sanitize.js';
import type { Formatter } from './types.js';
import { append } from '../util/maps.js';
import { plural } from '../util/plural.js';

/** Beyond this many nodes a chart is collapsed; GitHub renders it comfortably and it stays readable. */
export const MERMAID_MAX_NODES = 60;

/** A namespace's frame: green when a default deny isolates it, amber when it has policies but none denies by default. */
const ISOLATION_STROKE = { isolated: '#1a7f37', open: '#bf8700', unknown: '#8c959f' } as const;

export interface MermaidOptions {
  readonly maxNodes?: number;
}

export const mermaid: Formatter = Object.assign(
  (_results: Parameters<Formatter>[0], context: Parameters<Formatter>[1]) => renderMermaid(requireTopology(context.topology, 'mermaid')),
  {
    needsTopology: true,
  },
);

/** The chart wrapped for Markdown: a `mermaid` code block. */
export function mermaidMarkdown(topology: Topology, options: MermaidOptions = {}): string {
  return `\`\`\`mermaid\n${renderMermaid(topology, options)}\`\`\`\n`;
}

export function requireTopology(topology: Topology | undefined, format: string): Topology {
  if (!topology) throw new Error(`the ${format} format draws the topology: pass it in the formatter context (context.topology = (await lint(…)).topology())`);
  return topology;
}

interface Summary {
  /** Namespace to put the summary node in (undefined: outside every namespace). */
  readonly namespace: string | undefined;
  /** Lines of plain text. */
  readonly lines: readonly string[];
}

export function renderMermaid(topology: Topology, options: MermaidOptions = {}): string {
  const maxNodes = options.maxNodes ?? MERMAID_MAX_NODES;
  const { nodes, summaries, notes } = bound(topology, maxNodes);
  const kept = new Set(nodes.map((n) => n.id));
  const edges = topology.edges.filter((e) => kept.has(e.from) && kept.has(e.to));

  const ids = new Map<string, string>();
  nodes.forEach((n, i) => ids.set(n.id, `${n.kind === 'missing' ? 'm' : 'n'}${i}`));
  const lines = ['flowchart LR'];
  lines.push(
    `  %% k8s-svc-lint topology: ${plural(topology.namespaces.length, 'namespace')}, ${plural(topology.nodes.length, 'node')}, ${plural(topology.edges.length, 'edge')}, ${plural(topology.edges.filter((e) => e.broken).length, 'broken reference')}`,
  );
  for (const note of notes) lines.push(`  %% ${text(note)}`);

  const byNamespace = new Map<string, TopologyNode[]>();
  for (const node of nodes) append(byNamespace, node.namespace, node);
  const summariesOf = new Map<string | undefined, Summary[]>();
  for (const summary of summaries) append(summariesOf, summary.namespace, summary);
  let summaryCount = 0;
  topology.namespaces.forEach((namespace, i) => {
    const members = byNamespace.get(namespace.name) ?? [];
    const own = summariesOf.get(namespace.name) ?? [];
    if (members.length === 0 && own.length === 0) return;
    lines.push(`  subgraph ns${i}["${text(namespaceTitle(namespace))}"]`, '    direction LR');
    for (const node of members) lines.push(`    ${ids.get(node.id)}${shape(node)}`);
    for (const summary of own) lines.push(`    s${summaryCount++}["${summary.lines.map(text).join('<br/>')}"]:::note`);
    lines.push('  end', `  style ns${i} fill:#f6f8fa,stroke:${ISOLATION_STROKE[isolationOf(namespace).state]}`);
  });
  for (const summary of summariesOf.get(undefined) ?? []) lines.push(`  s${summaryCount++}["${summary.lines.map(text).join('<br/>')}"]:::note`);

  for (const edge of edges) {
    lines.push(`  ${ids.get(edge.from)} -->${edge.label === '' ? '' : `|"${text(edge.label)}"|`} ${ids.get(edge.to)}`);
  }

  lines.push(
    '  classDef entry fill:#ddf4ff,stroke:#0969da,color:#0a3069',
    '  classDef service fill:#fff8c5,stroke:#9a6700,color:#3b2300',
    '  classDef workload fill:#dafbe1,stroke:#1a7f37,color:#002d11',
    '  classDef external fill:#fbefff,stroke:#8250df,color:#3e1f79',
    '  classDef outside fill:#f6f8fa,stroke:#6e7781,color:#24292f,stroke-dasharray:4 3',
    '  classDef missing fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-width:2px,stroke-dasharray:5 3',
    '  classDef note fill:#f6f8fa,stroke:#d0d7de,color:#57606a',
  );
  const byClass = new Map<string, string[]>();
  for (const node of nodes) append(byClass, nodeClass(node), ids.get(node.id)!);
  for (const [name, members] of byClass) lines.push(`  class ${members.join(',')} ${name}`);
  const withErrors = nodes.filter((n) => n.findings.some((f) => f.severity === 2));
  for (const node of withErrors) lines.push(`  style ${ids.get(node.id)} stroke:#cf222e,stroke-width:2px`);
  // A broken reference is drawn as severe as its findings: red for an error, amber for warnings only.
  const isError = (e: TopologyEdge): boolean => e.broken!.some((f) => f.severity === 2);
  const red = edges.flatMap((e, i) => (e.broken && isError(e) ? [i] : []));
  const amber = edges.flatMap((e, i) => (e.broken && !isError(e) ? [i] : []));
  if (red.length > 0) lines.push(`  linkStyle ${red.join(',')} stroke:#cf222e,stroke-width:2px,color:#cf222e`);
  if (amber.length > 0) lines.push(`  linkStyle ${amber.join(',')} stroke:#bf8700,stroke-width:2px,color:#7d4e00`);
  const warningOnly = new Set(edges.filter((e) => e.broken && !isError(e)).map((e) => e.to));
  for (const e of edges) if (e.broken && isError(e)) warningOnly.delete(e.to);
  for (const id of warningOnly) if (ids.has(id)) lines.push(`  style ${ids.get(id)} fill:#fff8c5,stroke:#bf8700,color:#6f4f00`);
  return `${lines.join('\n')}\n`;
}

function nodeClass(node: TopologyNode): string {
  switch (node.kind) {
    case 'ingress':
    case 'route':
      return 'entry';
    default:
      return node.kind;
  }
}

/** The node with its shape: entry points rounded, Services boxes, workloads framed, external names hexagons. */
function shape(node: TopologyNode): string {
  const counts = findingCounts(node);
  const detail = [node.detail, counts].filter((part) => part !== '').join(' · ');
  const label = (head: string): string => `"${head}${detail === '' ? '' : `<br/>${text(detail)}`}"`;
  switch (node.kind) {
    case 'ingress':
    case 'route':
      return `([${label(`${text(node.resourceKind ?? '')} <b>${text(node.name)}</b>`)}])`;
    case 'service':
      return `[${label(`Service <b>${text(node.name)}</b>`)}]`;
    case 'workload':
      return `[[${label(`${text(node.resourceKind ?? '')} <b>${text(node.name)}</b>`)}]]`;
    case 'external':
      return `{{${label(`<b>${text(node.name)}</b>`)}}}`;
    case 'outside':
      return `[${label(`${text(node.resourceKind ?? '')} <b>${text(node.name)}</b>`)}]`;
    case 'missing':
      return `["✖ ${text(node.name)}<br/><i>${text(node.detail)}</i>"]`;
  }
}

/** `✖ 2 ⚠ 1`: the errors and warnings on an object. */
function findingCounts(node: TopologyNode): string {
  const errors = node.findings.filter((f) => f.severity === 2).length;
  const warnings = node.findings.length - errors;
  return [errors > 0 ? `✖ ${errors}` : '', warnings > 0 ? `⚠ ${warnings}` : ''].filter((s) => s !== '').join(' ');
}

function namespaceTitle(namespace: TopologyNamespace): string {
  const { state, text } = isolationOf(namespace);
  return `namespace ${namespace.name} · ${state === 'isolated' ? '🔒 ' : state === 'open' ? '🔓 ' : ''}${text}`;
}

/** Whether a node has a problem: findings of its own, or a broken reference from or to it. */
function problemNodes(topology: Topology): Set<string> {
  const ids = new Set<string>();
  for (const node of topology.nodes) if (node.findings.length > 0 || node.kind === 'missing') ids.add(node.id);
  for (const edge of topology.edges) {
    if (!edge.broken) continue;
    ids.add(edge.from);
    ids.add(edge.to);
  }
  return ids;
}

function bound(topology: Topology, maxNodes: number): { nodes: TopologyNode[]; summaries: Summary[]; notes: string[] } {
  if (topology.nodes.length <= maxNodes) return { nodes: [...topology.nodes], summaries: [], notes: [] };
  const summaries: Summary[] = [];
  const notes: string[] = [];
  const problems = problemNodes(topology);
  const byNamespace = new Map<string, TopologyNode[]>();
  for (const node of topology.nodes) append(byNamespace, node.namespace, node);
  const troubled = (ns: TopologyNamespace): boolean => ns.isolation.finding !== undefined || (byNamespace.get(ns.name) ?? []).some((n) => problems.has(n.id));

  // 1. Namespaces without findings: one node for all of them.
  const clean = topology.namespaces.filter((ns) => !troubled(ns) && (byNamespace.get(ns.name) ?? []).length > 0);
  if (clean.length > 0) {
    const objects = clean.flatMap((ns) => byNamespace.get(ns.name) ?? []);
    const names = clean.map((ns) => ns.name);
    summaries.push({
      namespace: undefined,
      lines: [
        `✔ ${plural(clean.length, 'namespace')} without findings: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` +${names.length - 5}` : ''}`,
        `${describeCounts(objects)} not drawn`,
      ],
    });
    notes.push(`collapsed ${plural(clean.length, 'namespace')} without findings (${objects.length} nodes)`);
  }
  let kept = topology.namespaces.filter(troubled).map((ns) => ({ ns, nodes: byNamespace.get(ns.name) ?? [] }));

  // 2. Within the others: the objects with a problem and their direct neighbours.
  const count = (): number => kept.reduce((sum, k) => sum + k.nodes.length, 0) + summaries.length;
  if (count() > maxNodes) {
    const near = new Set(problems);
    for (const edge of topology.edges) {
      if (problems.has(edge.from)) near.add(edge.to);
      if (problems.has(edge.to)) near.add(edge.from);
    }
    kept = kept.map(({ ns, nodes }) => {
      const stay = nodes.filter((n) => near.has(n.id));
      const gone = nodes.filter((n) => !near.has(n.id));
      if (gone.length > 0) {
        summaries.push({ namespace: ns.name, lines: [`+ ${describeCounts(gone)} without findings`] });
        notes.push(`namespace ${ns.name}: collapsed ${gone.length} nodes without findings`);
      }
      return { ns, nodes: stay };
    });
  }

  // 3. Still too many: namespaces in input order while they fit (with their summary nodes); the first one is cut if it alone does not.
  if (count() > maxNodes) {
    const global = summaries.filter((s) => s.namespace === undefined);
    let budget = maxNodes - global.length - 1;
    const cut: string[] = [];
    let cutNodes = 0;
    const kept3: typeof kept = [];
    const keptSummaries: Summary[] = [...global];
    const summariesOf = new Map<string | undefined, Summary[]>();
    for (const summary of summaries) append(summariesOf, summary.namespace, summary);
    for (const { ns, nodes } of kept) {
      const own = summariesOf.get(ns.name) ?? [];
      if (budget < Math.min(nodes.length, 1) + own.length + (kept3.length === 0 ? 1 : 0) || (kept3.length > 0 && budget < nodes.length + own.length)) {
        cut.push(ns.name);
        cutNodes += nodes.length;
        continue;
      }
      budget -= own.length;
      const take = byParts(nodes, topology.edges).slice(0, Math.max(0, budget - (nodes.length > budget ? 1 : 0)));
      budget -= take.length;
      keptSummaries.push(...own);
      if (take.length < nodes.length) {
        keptSummaries.push({ namespace: ns.name, lines: [`+ ${nodes.length - take.length} more nodes with findings not drawn`] });
        notes.push(`namespace ${ns.name}: ${nodes.length - take.length} nodes with findings not drawn`);
        budget -= 1;
      }
      kept3.push({ ns, nodes: take });
    }
    kept = kept3;
    summaries.length = 0;
    summaries.push(...keptSummaries);
    if (cut.length > 0) {
      summaries.push({
        namespace: undefined,
        lines: [
          `+ ${cut.length} more ${cut.length === 1 ? 'namespace' : 'namespaces'} with findings not drawn: ${cut.slice(0, 5).join(', ')}${cut.length > 5 ? ` +${cut.length - 5}` : ''}`,
          'see the findings',
        ],
      });
      notes.push(`${cut.length} namespaces with findings not drawn (${cutNodes} nodes)`);
    }
  }
  return { nodes: kept.flatMap((k) => k.nodes), summaries, notes };
}

/** The nodes ordered part by part (each connected part together, in input order), so a cut keeps whole chains. */
function byParts(nodes: readonly TopologyNode[], edges: readonly { readonly from: string; readonly to: string }[]): TopologyNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) continue;
    append(neighbours, e.from, e.to);
    append(neighbours, e.to, e.from);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const ordered: TopologyNode[] = [];
  for (const start of nodes) {
    if (seen.has(start.id)) continue;
    const queue = [start.id];
    seen.add(start.id);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      ordered.push(byId.get(id)!);
      for (const next of neighbours.get(id) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return ordered;
}

/** `3 Services, 4 workloads, 1 entry point` */
function describeCounts(nodes: readonly TopologyNode[]): string {
  const entries = nodes.filter((n) => n.kind === 'ingress' || n.kind === 'route').length;
  const services = nodes.filter((n) => n.kind === 'service').length;
  const workloads = nodes.filter((n) => n.kind === 'workload').length;
  const other = nodes.length - entries - services - workloads;
  const parts = [
    entries > 0 ? plural(entries, 'entry point') : '',
    services > 0 ? plural(services, 'Service') : '',
    workloads > 0 ? plural(workloads, 'workload') : '',
    other > 0 ? plural(other, 'other node') : '',
  ];
  return parts.filter((p) => p !== '').join(', ') || 'nothing';
}
