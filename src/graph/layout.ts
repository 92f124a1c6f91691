/**
 * A small layered layout for one namespace of the topology: a column per layer (entry points,
 * Services, workloads), nodes ordered to cut crossings (barycenter sweeps) and then moved towards
 * the nodes they connect to, never overlapping. Edges go left to right as cubic curves. Pure
 * arithmetic: the HTML report draws the result as SVG.
 */
import type { Layer } from './types.js';

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 44;
const ROW = NODE_HEIGHT + 12;
const COLUMN_GAP = 136;
const PADDING = 16;
/** Extra space between unconnected parts of a namespace. */
const PART_GAP = 6;

export interface LayoutNode {
  readonly id: string;
  readonly layer: Layer;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

interface PlacedNode<N> {
  readonly node: N;
  readonly x: number;
  readonly y: number;
}

interface PlacedEdge<E> {
  readonly edge: E;
  /** SVG path data. */
  readonly path: string;
  /**
   * Where its label goes: at the end where the edges of a fan spread apart (just before the target
   * when its source sends to several nodes, just after the source when its target gets several
   * edges), else the middle of the curve. `labelAnchor` is the SVG text-anchor.
   */
  readonly labelX: number;
  readonly labelY: number;
  readonly labelAnchor: 'start' | 'middle' | 'end';
}

export interface Layout<N, E> {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode<N>[];
  readonly edges: readonly PlacedEdge<E>[];
}

/** Lays out nodes in their layers; edges between nodes not given, or not going rightwards, are left out. */
export function layoutLayers<N extends LayoutNode, E extends LayoutEdge>(nodes: readonly N[], edges: readonly E[]): Layout<N, E> {
  const layers = [...new Set(nodes.map((n) => n.layer))].sort();
  const column = new Map(layers.map((layer, i) => [layer, i]));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const usable = edges.filter((e) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    return from !== undefined && to !== undefined && column.get(from.layer)! < column.get(to.layer)!;
  });
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of usable) {
    neighbours.get(e.from)!.push(e.to);
    neighbours.get(e.to)!.push(e.from);
  }

  // Order within each column: input order, then barycenter sweeps right and left.
  const columns: N[][] = layers.map((layer) => nodes.filter((n) => n.layer === layer));
  const rank = new Map<string, number>();
  const rerank = (): void => columns.forEach((col) => col.forEach((n, i) => rank.set(n.id, i)));
  rerank();
  const sweep = (col: N[], towards: ReadonlySet<string>): void => {
    const key = new Map<string, number>();
    col.forEach((n, i) => {
      const linked = neighbours.get(n.id)!.filter((m) => towards.has(m));
      key.set(n.id, linked.length === 0 ? i : linked.reduce((sum, m) => sum + rank.get(m)!, 0) / linked.length);
    });
    col.sort((a, b) => key.get(a.id)! - key.get(b.id)!);
    col.forEach((n, i) => rank.set(n.id, i));
  };
  const ids = columns.map((col) => new Set(col.map((n) => n.id)));
  for (let pass = 0; pass < 4; pass++) {
    for (let c = 1; c < columns.length; c++) sweep(columns[c]!, ids[c - 1]!);
    for (let c = columns.length - 2; c >= 0; c--) sweep(columns[c]!, ids[c + 1]!);
  }
  rerank();

  // Vertical positions, per connected part (stacked one below the other, so that unrelated chains
  // never interleave): packed, then pulled towards the nodes they connect to, keeping each column's
  // order and spacing (the closest such placement: isotonic regression by pool-adjacent-violators).
  const part = connectedParts(nodes, neighbours);
  const y = new Map<string, number>();
  let offset = 0;
  for (const members of part) {
    const inPart = new Set(members);
    const cols = columns.map((col) => col.filter((n) => inPart.has(n.id)));
    for (const col of cols) col.forEach((n, i) => y.set(n.id, i * ROW));
    for (let pass = 0; pass < 12; pass++) {
      const order = pass % 2 === 0 ? cols : [...cols].reverse();
      for (const col of order) {
        const desired = col.map((n) => {
          const linked = neighbours.get(n.id)!;
          return linked.length === 0 ? y.get(n.id)! : linked.reduce((sum, m) => sum + y.get(m)!, 0) / linked.length;
        });
        const placed = closestSpaced(desired, ROW);
        col.forEach((n, i) => y.set(n.id, placed[i]!));
      }
    }
    const top = members.reduce((min, id) => Math.min(min, y.get(id)!), Infinity);
    let bottom = 0;
    for (const id of members) {
      y.set(id, y.get(id)! - top + offset);
      bottom = Math.max(bottom, y.get(id)!);
    }
    offset = bottom + ROW + PART_GAP;
  }

  const placedNodes: PlacedNode<N>[] = [];
  const position = new Map<string, { x: number; y: number }>();
  columns.forEach((col, c) => {
    for (const n of col) {
      const at = { x: PADDING + c * (NODE_WIDTH + COLUMN_GAP), y: PADDING + y.get(n.id)! };
      position.set(n.id, at);
      placedNodes.push({ node: n, ...at });
    }
  });
  const outDegree = new Map<string, number>();
  const inDegree = new Map<string, number>();
  for (const e of usable) {
    outDegree.set(e.from, (outDegree.get(e.from) ?? 0) + 1);
    inDegree.set(e.to, (inDegree.get(e.to) ?? 0) + 1);
  }
  const placedEdges = usable.map((edge) => {
    const a = position.get(edge.from)!;
    const b = position.get(edge.to)!;
    const x1 = a.x + NODE_WIDTH;
    const y1 = a.y + NODE_HEIGHT / 2;
    const x2 = b.x - 2;
    const y2 = b.y + NODE_HEIGHT / 2;
    const bend = (x2 - x1) / 2;
    const path = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    const fanOut = outDegree.get(edge.from)!;
    const fanIn = inDegree.get(edge.to)!;
    // Above the straight end of the curve, or below it when the curve comes from (or goes to) above.
    if (fanOut > 1 && fanOut >= fanIn) return { edge, path, labelX: x2 - 10, labelY: y1 < y2 - 1 ? y2 + 15 : y2 - 5, labelAnchor: 'end' as const };
    if (fanIn > 1) return { edge, path, labelX: x1 + 8, labelY: y2 < y1 - 1 ? y1 + 15 : y1 - 5, labelAnchor: 'start' as const };
    return { edge, path, labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 + 4, labelAnchor: 'middle' as const };
  });
  const width = PADDING * 2 + columns.length * NODE_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  const height = PADDING * 2 + placedNodes.reduce((max, p) => Math.max(max, p.y - PADDING + NODE_HEIGHT), NODE_HEIGHT);
  return { width, height, nodes: placedNodes, edges: placedEdges };
}

/** The connected parts of the graph, each as node ids in input order; parts in the order of their first node. */
function connectedParts(nodes: readonly LayoutNode[], neighbours: ReadonlyMap<string, readonly string[]>): string[][] {
  const seen = new Set<string>();
  const parts: string[][] = [];
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  for (const start of nodes) {
    if (seen.has(start.id)) continue;
    const part: string[] = [];
    const stack = [start.id];
    seen.add(start.id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      part.push(id);
      for (const next of neighbours.get(id) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    parts.push(part.sort((a, b) => order.get(a)! - order.get(b)!));
  }
  return parts;
}

/**
 * Positions as close as possible (least squares) to `desired`, in the same order, each at least `gap`
 * below the one before: with z = desired - i·gap, the closest non-decreasing sequence to z (pool
 * adjacent violators), plus i·gap back.
 */
export function closestSpaced(desired: readonly number[], gap: number): number[] {
  const blocks: { sum: number; count: number }[] = [];
  desired.forEach((d, i) => {
    blocks.push({ sum: d - i * gap, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.sum / prev.count <= last.sum / last.count) break;
      blocks.pop();
      prev.sum += last.sum;
      prev.count += last.count;
    }
  });
  const result: number[] = [];
  for (const block of blocks) for (let k = 0; k < block.count; k++) result.push(block.sum / block.count + result.length * gap);
  return result;
}
