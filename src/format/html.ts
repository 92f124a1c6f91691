/**
 * A self-contained HTML report: the topology of every namespace as SVG (laid out by
 * src/graph/layout.ts: entry points → Services → workloads, broken references as edges to "missing"
 * nodes, red for errors and amber for warnings) and the findings table with filters by severity, rule
 * and text, each finding linking to its file and line; an edge or node filters the table to its own
 * findings. At scale, a namespace with many clean Services draws its problems and their neighbours and
 * counts the rest (drawn on request), and a large topology draws each namespace when it is opened.
 * One file: inline CSS (html/report.css), SVG and script (html/report.js), nothing fetched (its
 * Content Security Policy forbids loading anything), so it opens offline from disk or a CI artefact.
 */
import { layoutLayers, NODE_HEIGHT, NODE_WIDTH, type Layout } from '../graph/layout.js';
import type { Layer, Topology, TopologyEdge, TopologyFinding, TopologyNamespace, TopologyNode } from '../graph/types.js';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { append } from '../util/maps.js';
import { displayPath } from '../util/paths.js';
import { plural } from '../util/plural.js';
import { htmlText } from './sanitize.js';
import { isolationOf } from '../graph/describe.js';
import { REPORT_CSS, REPORT_SCRIPT } from './html/assets.js';
import { requireTopology } from './mermaid.js';
import { UNUSED_DIRECTIVE, type Formatter, type FormatterContext, type LintMessage, type LintResult } from './types.js';

/** Past this many namespaces, those without problems start folded. */
const OPEN_NAMESPACES = 12;

export const html: Formatter = Object.assign((results: LintResult[], context: FormatterContext) => renderHtml(results, context, requireTopology(context.topology, 'html')), {
  needsTopology: true,
});

interface Finding {
  /** As shown: relative to the working directory. */
  readonly file: string;
  /** As the result names it (absolute, or `<stdin>`). */
  readonly path: string;
  readonly m: LintMessage;
}

function renderHtml(results: readonly LintResult[], context: FormatterContext, topology: Topology): string {
  const findings: Finding[] = results.flatMap((r) => r.messages.map((m) => ({ file: displayPath(context.cwd, r.filePath), path: r.filePath, m })));
  const errors = findings.filter((f) => f.m.severity === 2).length;
  const warnings = findings.length - errors;
  const broken = topology.edges.filter((e) => e.broken).length;
  const filesWithFindings = new Set(findings.map((f) => f.file)).size;

  const summary =
    findings.length === 0
      ? `No problems in ${plural(results.length, 'file')}.`
      : `<strong>${plural(findings.length, 'problem')}</strong> (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(filesWithFindings, 'file')} of ${results.length} linted`;
  const brokenNote = broken === 0 ? 'no broken references' : `<strong class="red">${plural(broken, 'broken reference')}</strong>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="k8s-svc-lint ${escape(context.toolVersion)}">
<title>k8s-svc-lint report</title>
<style>
${REPORT_CSS}</style>
</head>
<body>
<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c959f"/></marker>
<marker id="arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#cf222e"/></marker>
<marker id="arrow-warning" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#bf8700"/></marker>
</defs></svg>
<header>
<h1>k8s-svc-lint report</h1>
<p class="summary">${summary} · ${plural(topology.namespaces.length, 'namespace')} · ${brokenNote}</p>
<nav><a href="#topology">Topology</a> · <a href="#findings">Findings</a></nav>
</header>
<main>
${topologySection(topology, context, findingIndex(findings))}
${findingsSection(findings, context)}
</main>
<footer>k8s-svc-lint ${escape(context.toolVersion)} · this page is self-contained and needs no network access</footer>
<script>
${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** Row of the findings table for a finding, by rule, file and position: what a node or edge links to. */
type FindingIndex = ReadonlyMap<string, number>;

function findingKey(ruleId: string, file: string, line: number, column: number): string {
  return `${ruleId}\u0000${file}\u0000${line}\u0000${column}`;
}

function findingIndex(findings: readonly Finding[]): FindingIndex {
  return new Map(findings.map((f, i) => [findingKey(f.m.ruleId ?? UNUSED_DIRECTIVE, f.path, f.m.line ?? 0, f.m.column ?? 0), i]));
}

/** `data-f="3 7"`: the table rows of these findings, so a click filters the table to them. */
function rowsAttribute(found: readonly TopologyFinding[] | undefined, index: FindingIndex): string {
  const rows = [...new Set((found ?? []).flatMap((f) => index.get(findingKey(f.ruleId, f.file, f.line, f.column)) ?? []))];
  return rows.length === 0 ? '' : ` data-f="${rows.join(' ')}"`;
}

/** Past this many objects in all, every namespace starts folded and is drawn when opened. */
const LAZY_NODES = 300;

function topologySection(topology: Topology, context: FormatterContext, index: FindingIndex): string {
  const parts = ['<section id="topology">', '<h2>Topology</h2>'];
  if (topology.nodes.length === 0) {
    parts.push('<p class="muted">The input holds no Ingress, route, Service or workload.</p>', '</section>');
    return parts.join('\n');
  }
  parts.push(
    `<div class="legend">${LEGEND}</div>`,
    '<div class="tools">',
    '<label>Find <input type="search" id="topo-search" placeholder="name of an object"></label>',
    topology.namespaces.length > 1 ? '<label class="toggle"><input type="checkbox" id="only-problems"> only namespaces with problems</label>' : '',
    '</div>',
    '<div class="namespaces">',
  );
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const nodesOf = new Map<string, TopologyNode[]>();
  for (const node of topology.nodes) append(nodesOf, node.namespace, node);
  // Each edge belongs to the namespaces of its two ends (drawn in both when it crosses).
  const edgesOf = new Map<string, TopologyEdge[]>();
  for (const edge of topology.edges) {
    const from = byId.get(edge.from)!.namespace;
    const to = byId.get(edge.to)!.namespace;
    append(edgesOf, from, edge);
    if (to !== from) append(edgesOf, to, edge);
  }
  // At scale every namespace starts folded, those with problems first, and is drawn when opened.
  const lazy = topology.nodes.length > LAZY_NODES;
  const cards: { problems: number; html: string }[] = [];
  for (const namespace of topology.namespaces) {
    const card = namespaceCard(namespace, nodesOf.get(namespace.name) ?? [], edgesOf.get(namespace.name) ?? [], byId, {
      context,
      index,
      foldClean: topology.namespaces.length > OPEN_NAMESPACES,
      lazy,
    });
    if (card) cards.push(card);
  }
  if (lazy) cards.sort((a, b) => Number(b.problems > 0) - Number(a.problems > 0));
  parts.push(...cards.map((c) => c.html));
  parts.push('</div>', '</section>');
  return parts.join('\n');
}

/** A namespace with more objects or references than this is summarised, not drawn. */
const HTML_MAX_NODES = 400;
const HTML_MAX_EDGES = 2000;

interface DrawnNode {
  readonly id: string;
  readonly layer: Layer;
  readonly node: TopologyNode;
  /** A node of another namespace, drawn here as the end of a cross-namespace edge. */
  readonly foreign: boolean;
}

interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly edge: TopologyEdge;
}

interface CardOptions {
  readonly context: FormatterContext;
  readonly index: FindingIndex;
  /** Fold namespaces without problems. */
  readonly foldClean: boolean;
  /** Fold every namespace and draw it only when opened. */
  readonly lazy: boolean;
}

/** A namespace with more Services than this, clear of problems, shows its problems and a count of the rest. */
const COLLAPSE_CLEAN_SERVICES = 12;
/** A problem node shows at most this many of its clean neighbours when the rest are collapsed. */
const NEIGHBOURS = 6;

function namespaceCard(
  namespace: TopologyNamespace,
  own: readonly TopologyNode[],
  ownEdges: readonly TopologyEdge[],
  byId: ReadonlyMap<string, TopologyNode>,
  options: CardOptions,
): { problems: number; html: string } | undefined {
  if (own.length === 0) return undefined;
  const names = escape([...new Set(own.map((n) => n.name.toLowerCase()))].join(' '));
  if (own.length > HTML_MAX_NODES || ownEdges.length > HTML_MAX_EDGES) {
    // Past this a drawing is unreadable and its SVG grows with every reference (1,500 Services selecting 1,500 workloads: millions).
    return {
      problems: 0,
      html: `<details class="ns" open data-namespace="${escape(namespace.name)}" data-problems="0" data-names="${names}">
<summary><span class="ns-name">${escape(namespace.name)}</span> ${isolationBadge(namespace)} <span class="muted">${escape(countsLine(own))}</span></summary>
<p class="muted">Not drawn: ${plural(own.length, 'object')} and ${plural(ownEdges.length, 'reference')} are more than a picture can show (at most ${HTML_MAX_NODES} and ${HTML_MAX_EDGES}); the findings below list the problems.</p>
</details>`,
    };
  }
  const full = drawing(namespace, ownEdges, own, byId);
  const brokenEdges = full.edges.filter((e) => e.edge.broken && !full.drawn.get(e.from)!.foreign);
  const brokenHere = brokenEdges.length;
  const withFindings = own.filter((n) => n.findings.length > 0).length;
  const problems = brokenHere + withFindings + (namespace.isolation.finding ? 1 : 0);
  const open = !options.lazy && (!options.foldClean || problems > 0);
  const worst = brokenEdges.some((e) => e.edge.broken!.some((f) => f.severity === 2)) ? 'red' : 'amber';
  const summary = `<summary><span class="ns-name">${escape(namespace.name)}</span> ${isolationBadge(namespace)} <span class="muted">${escape(countsLine(own))}</span>${brokenHere > 0 ? ` <span class="pill ${worst}">${plural(brokenHere, 'broken reference')}</span>` : ''}</summary>`;

  // Clean paths collapse to a count: the problems and their neighbours are drawn, the rest on request.
  const keep = problemView(full);
  const services = own.filter((n) => n.kind === 'service');
  const hiddenServices = keep ? services.filter((n) => !keep.has(n.id)).length : 0;
  let body: string;
  if (keep && hiddenServices > COLLAPSE_CLEAN_SERVICES) {
    const part = drawing(
      namespace,
      ownEdges.filter((e) => keep.has(e.from) && keep.has(e.to)),
      own.filter((n) => keep.has(n.id)),
      byId,
    );
    const hiddenObjects = own.length - own.filter((n) => keep.has(n.id)).length;
    body = `<div class="canvas">${svg(part, options, namespace.name)}</div>
<button type="button" class="expand">+ ${plural(hiddenServices, 'more Service')} without problems (${plural(hiddenObjects, 'object')} in all): show</button>
<template class="full">${svg(full, options, namespace.name)}</template>`;
  } else {
    body = `<div class="canvas">${svg(full, options, namespace.name)}</div>`;
  }
  if (options.lazy) body = `<template class="lazy">${body}</template>`;
  return {
    problems,
    html: `<details class="ns"${open ? ' open' : ''} data-namespace="${escape(namespace.name)}" data-problems="${problems}" data-names="${names}">
${summary}
${body}
</details>`,
  };
}

interface Drawing {
  readonly drawn: ReadonlyMap<string, DrawnNode>;
  readonly edges: readonly DrawnEdge[];
  readonly layout: Layout<DrawnNode, DrawnEdge>;
}

function drawing(namespace: TopologyNamespace, ownEdges: readonly TopologyEdge[], own: readonly TopologyNode[], byId: ReadonlyMap<string, TopologyNode>): Drawing {
  const drawn = new Map<string, DrawnNode>(own.map((node) => [node.id, { id: node.id, layer: node.layer, node, foreign: false }]));
  const edges: DrawnEdge[] = [];
  for (const edge of ownEdges) {
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    for (const end of [from, to]) {
      if (end.namespace !== namespace.name && !drawn.has(end.id)) drawn.set(end.id, { id: end.id, layer: end.layer, node: end, foreign: true });
    }
    edges.push({ from: edge.from, to: edge.to, edge });
  }
  return { drawn, edges, layout: layoutLayers([...drawn.values()], edges) };
}

/**
 * The nodes to draw when clean paths collapse: every node with a finding or at either end of a
 * broken reference, and up to NEIGHBOURS of the nodes each connects to. Undefined without problems.
 */
function problemView(full: Drawing): Set<string> | undefined {
  const keep = new Set<string>();
  for (const { node } of full.drawn.values()) if (node.findings.length > 0) keep.add(node.id);
  for (const e of full.edges) {
    if (!e.edge.broken) continue;
    keep.add(e.from);
    keep.add(e.to);
  }
  if (keep.size === 0) return undefined;
  const added = new Map<string, number>();
  const problems = new Set(keep);
  for (const e of full.edges) {
    for (const [at, other] of [
      [e.from, e.to],
      [e.to, e.from],
    ] as const) {
      if (!problems.has(at) || keep.has(other)) continue;
      const n = added.get(at) ?? 0;
      if (n >= NEIGHBOURS) continue;
      added.set(at, n + 1);
      keep.add(other);
    }
  }
  return keep;
}

function isolationBadge(namespace: TopologyNamespace): string {
  const { isolation } = namespace;
  const { state, text } = isolationOf(namespace);
  const finding = isolation.finding ? ` title="${escape(`${isolation.finding.ruleId}: ${isolation.finding.message}`)}"` : '';
  const icon = state === 'unknown' ? '' : lockIcon(state === 'isolated');
  return `<span class="iso ${state}"${finding}>${icon}${escape(text)}${isolation.finding ? ` <code>${escape(isolation.finding.ruleId)}</code>` : ''}</span>`;
}

/** A padlock, closed or open (no emoji: not every system has a font for them). */
function lockIcon(closed: boolean): string {
  const shackle = closed ? 'M4.5 7V5a3.5 3.5 0 0 1 7 0v2' : 'M4.5 7V5a3.5 3.5 0 0 1 6.8-1.2';
  return `<svg class="lock" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true"><path d="${shackle}" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor"/></svg>`;
}

function countsLine(nodes: readonly TopologyNode[]): string {
  const entries = nodes.filter((n) => n.kind === 'ingress' || n.kind === 'route').length;
  const services = nodes.filter((n) => n.kind === 'service').length;
  const workloads = nodes.filter((n) => n.kind === 'workload').length;
  return [plural(entries, 'entry point'), plural(services, 'Service'), plural(workloads, 'workload')].join(' · ');
}

function svg(view: Drawing, options: CardOptions, namespace: string): string {
  const { layout } = view;
  const { context, index } = options;
  const parts = [
    `<svg class="graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="Topology of namespace ${escape(namespace)}">`,
  ];
  // Normal edges first, broken ones on top; labels after all edges so no curve crosses a label.
  const ordered = [...layout.edges].sort((a, b) => Number(a.edge.edge.broken !== undefined) - Number(b.edge.edge.broken !== undefined));
  for (const placed of ordered) {
    const { edge } = placed.edge;
    const first = edge.broken?.[0];
    const level = severityClass(edge.broken);
    const tip = first ? edge.broken.map((f) => `${f.ruleId}: ${f.message}`).join('\n') : `${edgeKindText(edge)}${edge.label === '' ? '' : `: ${edge.label}`}`;
    const marker = level === 'error' ? 'arrow-broken' : level === 'warning' ? 'arrow-warning' : 'arrow';
    parts.push(
      `<g class="edge${first ? ` broken ${level}` : ''}"${first ? ` data-rule="${escape(first.ruleId)}"` : ''}${rowsAttribute(edge.broken, index)}><title>${escape(tip)}</title><path d="${placed.path}" marker-end="url(#${marker})"/></g>`,
    );
  }
  for (const placed of ordered) {
    const { edge } = placed.edge;
    if (edge.label === '') continue;
    // Never clipped: a long list of ports wraps, one line per few entries, centred on the label's place.
    const lines = wrapLabel(edge.label, LABEL_LINE);
    const top = placed.labelY - ((lines.length - 1) * LABEL_LINE_HEIGHT) / 2;
    const spans = lines.map((line, i) => `<tspan x="${placed.labelX}" y="${top + i * LABEL_LINE_HEIGHT}">${escape(line)}</tspan>`).join('');
    parts.push(`<text class="elabel${edge.broken ? ` broken ${severityClass(edge.broken)}` : ''}" text-anchor="${placed.labelAnchor}">${spans}</text>`);
  }
  const pointing = new Map<string, TopologyFinding[]>();
  for (const { edge } of view.edges) if (edge.broken) pointing.set(edge.to, [...(pointing.get(edge.to) ?? []), ...edge.broken]);
  for (const placed of layout.nodes) parts.push(nodeSvg(placed.node, placed.x, placed.y, { context, index, pointing: pointing.get(placed.node.id) }, namespace));
  parts.push('</svg>');
  return parts.join('');
}

function edgeKindText(edge: TopologyEdge): string {
  return edge.kind === 'backend' ? 'backend' : edge.kind === 'selector' ? 'selects pods' : 'DNS alias';
}

/** `error` when any finding is an error, `warning` when all are warnings (drawn red and amber). */
function severityClass(found: readonly TopologyFinding[] | undefined): 'error' | 'warning' | '' {
  if (!found || found.length === 0) return '';
  return found.some((f) => f.severity === 2) ? 'error' : 'warning';
}

/** Characters per line of an edge label: a line fits between two columns of the layout. */
const LABEL_LINE = 18;
const LABEL_LINE_HEIGHT = 13;

/** Splits `80→http, 443→https, …` after commas into lines of about `max` characters; no text is dropped. */
function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of label.split(/(?<=,) /)) {
    if (line !== '' && line.length + 1 + part.length > max) {
      lines.push(line);
      line = part;
    } else {
      line = line === '' ? part : `${line} ${part}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function nodeSvg(
  drawn: DrawnNode,
  x: number,
  y: number,
  { context, index, pointing }: { context: FormatterContext; index: FindingIndex; pointing: readonly TopologyFinding[] | undefined },
  namespace: string,
): string {
  const node = drawn.node;
  const kindText = kindLine(node, drawn.foreign ? namespace : undefined);
  const name = drawn.foreign ? `${node.namespace}/${node.name}` : node.name;
  const errors = node.findings.filter((f) => f.severity === 2).length;
  const warnings = node.findings.length - errors;
  const tip = [
    `${node.resourceKind ?? (node.kind === 'missing' ? 'Missing' : 'External name')} ${node.namespace}/${node.name}${node.detail ? ` (${node.detail})` : ''}`,
    ...node.findings.map((f) => `${f.severity === 2 ? '✖' : '⚠'} ${f.ruleId}: ${f.message}`),
  ].join('\n');
  const badge =
    node.findings.length === 0
      ? ''
      : `<g class="badge ${errors > 0 ? 'error' : 'warning'}"><circle cx="${NODE_WIDTH - 16}" cy="${NODE_HEIGHT / 2}" r="10"/><text x="${NODE_WIDTH - 16}" y="${NODE_HEIGHT / 2 + 4}" text-anchor="middle">${node.findings.length}</text></g>`;
  const nameRoom = node.findings.length > 0 ? 26 : 30;
  const fit = NODE_WIDTH - 12 - (node.findings.length > 0 ? 32 : 10);
  const body = `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8"/><text class="kind" x="12" y="17" data-fit="${NODE_WIDTH - 22}">${escape(truncate(kindText, 34))}</text><text class="name" x="12" y="35" data-fit="${fit}" data-full="${escape(name)}">${escape(truncateMiddle(name, nameRoom))}</text>${badge}`;
  // A missing node is as severe as the findings that point at it; a node, as its own.
  const level = node.kind === 'missing' ? severityClass(pointing) : '';
  const classes = `node ${node.kind}${level ? ` ${level}` : ''}${drawn.foreign ? ' foreign' : ''}${errors > 0 ? ' has-errors' : warnings > 0 ? ' has-warnings' : ''}`;
  const rows = rowsAttribute(node.kind === 'missing' ? pointing : node.findings, index);
  const group = `<g class="${classes}" transform="translate(${x},${y})" data-node="${escape(node.id)}" data-name="${escape(node.name.toLowerCase())}"${node.kind === 'missing' ? ` data-rule="${escape(node.detail)}"` : ''}${rows}><title>${escape(tip)}</title>${body}</g>`;
  if (!node.source) return group;
  return `<a href="${escape(fileHref(node.source.file, node.source.line, context))}">${group}</a>`;
}

function kindLine(node: TopologyNode, here: string | undefined): string {
  if (node.kind === 'missing') return `✖ ${node.detail}`;
  const kind = node.kind === 'external' ? 'external name' : (node.resourceKind ?? node.kind);
  const detail = node.kind === 'external' ? '' : node.detail;
  return `${kind.toUpperCase()}${detail === '' ? '' : ` · ${detail}`}${here !== undefined ? ' · other namespace' : ''}`;
}

function findingsSection(findings: readonly Finding[], context: FormatterContext): string {
  const parts = ['<section id="findings">', '<h2>Findings</h2>'];
  if (findings.length === 0) {
    parts.push('<p class="muted">No problems found.</p>', '</section>');
    return parts.join('\n');
  }
  const rules = new Map<string, number>();
  for (const { m } of findings) rules.set(m.ruleId ?? UNUSED_DIRECTIVE, (rules.get(m.ruleId ?? UNUSED_DIRECTIVE) ?? 0) + 1);
  const ruleOptions = [...rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => `<option value="${escape(id)}">${escape(id)} (${n})</option>`);
  const errors = findings.filter((f) => f.m.severity === 2).length;
  parts.push(
    '<div class="filters">',
    `<label>Severity <select id="filter-severity"><option value="">all (${findings.length})</option><option value="error">errors (${errors})</option><option value="warning">warnings (${findings.length - errors})</option></select></label>`,
    `<label>Rule <select id="filter-rule"><option value="">all rules</option>${ruleOptions.join('')}</select></label>`,
    '<label>Text <input type="search" id="filter-text" placeholder="message or file"></label>',
    `<span id="finding-count" class="muted">${findings.length} of ${findings.length} shown</span>`,
    '<span id="filter-own" hidden>only the findings of <span class="own-name"></span> <button type="button">show all</button></span>',
    '</div>',
    '<table id="findings-table"><colgroup><col class="c-sev"><col class="c-rule"><col><col class="c-loc"></colgroup><thead><tr><th>Severity</th><th>Rule</th><th>Message</th><th>Location</th></tr></thead><tbody>',
  );
  for (const { file, path, m } of findings) {
    const rule = m.ruleId ?? UNUSED_DIRECTIVE;
    const severity = m.severity === 2 ? 'error' : 'warning';
    const url = context.rulesMeta[rule]?.docs.url;
    const ruleCell = url ? `<a href="${escape(url)}">${escape(rule)}</a>` : escape(rule);
    parts.push(
      `<tr data-severity="${severity}" data-rule="${escape(rule)}"><td><span class="sev ${severity}">${severity}</span></td><td class="rule">${ruleCell}</td><td>${escape(m.message)}</td><td class="loc"><a href="${escape(fileHref(path, m.line ?? 1, context))}">${escape(`${file}:${m.line}:${m.column}`)}</a></td></tr>`,
    );
  }
  parts.push('</tbody></table>', '</section>');
  return parts.join('\n');
}

/**
 * A link to a file and line, relative to where the report is written (`context.outputPath`), else to
 * the working directory; a file on another drive, or stdin, as it is.
 */
function fileHref(file: string, line: number, context: FormatterContext): string {
  const absolute = isAbsolute(file) ? file : resolve(context.cwd, file);
  let path = file.startsWith('<') ? file : relative(context.outputPath ? dirname(context.outputPath) : context.cwd, absolute);
  if (isAbsolute(path)) path = `file://${absolute}`;
  const encoded = path
    .split(/[\\/]/)
    .map((part, i) => (i === 0 && part.startsWith('file:') ? part : encodeURIComponent(part)))
    .join('/');
  return `${encoded}#L${line}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `argocd-redis…announce-2`: the start and the end, so names that share a long prefix stay distinct. */
function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor((max - 1) / 2);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

const escape = htmlText;

const LEGEND = [
  '<span class="key entry">Ingress / route</span>',
  '<span class="key service">Service</span>',
  '<span class="key workload">workload</span>',
  '<span class="key external">external name</span>',
  '<span class="key outside">not in the input</span>',
  '<span class="key missing">missing (broken reference)</span>',
  '<span class="key-edge"><svg width="34" height="10"><path d="M1,5 H31" stroke="#cf222e" stroke-width="2.5"/></svg> broken reference (error)</span>',
  '<span class="key-edge"><svg width="34" height="10"><path d="M1,5 H31" stroke="#bf8700" stroke-width="2.5"/></svg> likely broken (warning)</span>',
  '<span class="muted">Click an edge or a node with findings to list its findings; a node without findings opens its file. Hover a name for all of it.</span>',
].join(' ');
