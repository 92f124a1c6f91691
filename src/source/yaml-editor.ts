import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import type { FieldPath, FixOperation, FixValue } from '../api/types.js';
import type { CommentIndex } from './comment-index.js';
import type { TextEdit } from './text-edits.js';
import { YamlLayout } from './yaml-layout.js';
import { findPair, hasRange, isEmptyRange, isFlow, Unsupported, type MapPair, type NodeMap } from './yaml-nodes.js';
import { renderBlock, renderBlockPair, renderFlowPair, renderFlowValue, renderScalar, type FlowLayout } from './yaml-render.js';

/** Where a path leads: every step found, or the map (or empty value) where the first missing key would go. */
type Walk =
  | { readonly found: true; readonly node: Node | null; readonly pair: MapPair | undefined; readonly parent: Node }
  | { readonly found: false; readonly missingAt: number; readonly map: NodeMap | undefined; readonly emptyPair: MapPair | undefined };

type Placement = (FixOperation & { op: 'set' })['place'];

/**
 * Computes the text edits of fix operations against one parsed document: a scalar is replaced in place
 * (in its own quoting style), a key is renamed in place, a new key is added as new lines at the
 * indentation of its map (or inside `{ }` for a flow map), a deleted key takes its own lines with it.
 * A shape it does not handle throws Unsupported.
 */
export class Editor {
  private readonly layout: YamlLayout;
  private readonly eol: string;

  /** The pair holding each map and pair met on the paths walked, and the map holding each pair. */
  private readonly owners = new Map<Node, MapPair>();
  private readonly containers = new Map<MapPair, NodeMap>();

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly comments: CommentIndex,
  ) {
    this.layout = new YamlLayout(text, doc);
    this.eol = this.layout.eol;
  }

  edit(operation: FixOperation): TextEdit[] {
    if (operation.at.length === 0) throw new Unsupported();
    const walk = this.walk(operation.at);
    switch (operation.op) {
      case 'set':
        return walk.found ? this.replaceValue(walk, operation.value) : this.addKey(walk, operation.at, operation.value, operation.place);
      case 'delete':
        return walk.found ? this.deleteKey(walk) : [];
      case 'rename':
        return walk.found ? this.renameKey(walk, operation.to) : [];
    }
  }

  private walk(path: FieldPath): Walk {
    let node = this.doc.contents as Node | null;
    let pair: MapPair | undefined;
    let parent: Node | undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (isAlias(node)) throw new Unsupported(); // editing through an alias would change every place it is used
      if (isMap(node)) {
        const map = node as NodeMap;
        const found = findPair(map, segment);
        if (!found) {
          if (map.items.some((item) => isScalar(item.key) && item.key.value === '<<')) throw new Unsupported();
          return { found: false, missingAt: i, map, emptyPair: undefined };
        }
        parent = map;
        pair = found;
        node = found.value;
        this.containers.set(found, map);
        if (node) this.owners.set(node, found);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) throw new Unsupported();
        parent = node;
        pair = undefined;
        node = item;
      } else if ((node === null || (isScalar(node) && node.value === null)) && pair && typeof segment === 'string') {
        return { found: false, missingAt: i, map: undefined, emptyPair: pair };
      } else {
        throw new Unsupported();
      }
    }
    return { found: true, node, pair, parent: parent! };
  }

  /**
   * A new value where a scalar (or nothing) is written: a scalar in the old one's quoting style; a map
   * or list in the style of the map holding it (a block under the key, or `{ }` in a flow map).
   */
  private replaceValue(walk: Walk & { found: true }, value: FixValue): TextEdit[] {
    const { node, pair, parent } = walk;
    const flow = isFlow(parent);
    if (isObjectValue(value)) {
      if (!pair || !isMap(parent) || !hasRange(pair.key) || (node !== null && !isScalar(node))) throw new Unsupported();
      if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) throw new Unsupported();
      const map = parent as NodeMap;
      if (!flow) return this.blockValue(pair, value, this.indentStep(map));
      const rendered = renderFlowValue(value, this.layout.jsonStyle(map), this.flowLayout(map));
      if (isScalar(node) && hasRange(node) && !isEmptyRange(node)) return [{ start: node.range[0], end: node.range[1], text: rendered }];
      return [{ start: this.layout.afterColon(pair.key), end: this.layout.afterColon(pair.key), text: ` ${rendered}` }];
    }
    if (node === null || (isScalar(node) && node.value === null && isEmptyRange(node))) {
      if (!pair || !hasRange(pair.key)) throw new Unsupported();
      return [{ start: this.layout.afterColon(pair.key), end: this.layout.afterColon(pair.key), text: ` ${renderScalar(value, 'PLAIN', flow)}` }];
    }
    if (!isScalar(node) || !hasRange(node)) throw new Unsupported();
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') throw new Unsupported();
    if (node.value === value) return [];
    // A JSON manifest stays JSON: its strings are double-quoted, whatever the replaced value was.
    return [{ start: node.range[0], end: node.range[1], text: renderScalar(value, this.layout.jsonFile() ? Scalar.QUOTE_DOUBLE : node.type, flow) }];
  }

  private renameKey(walk: Walk & { found: true }, to: string): TextEdit[] {
    const key = walk.pair?.key;
    if (!isScalar(key) || !hasRange(key)) throw new Unsupported();
    if (key.value === to) return [];
    return [{ start: key.range[0], end: key.range[1], text: renderScalar(to, key.type, isFlow(walk.parent)) }];
  }

  private addKey(walk: Walk & { found: false }, path: FieldPath, value: FixValue, place: Placement): TextEdit[] {
    const rest = path.slice(walk.missingAt);
    if (rest.some((segment) => typeof segment !== 'string')) throw new Unsupported();
    const key = rest[0] as string;
    let nested: FixValue = value;
    for (let i = rest.length - 1; i > 0; i--) nested = { [rest[i] as string]: nested };
    const where = rest.length === 1 ? (place ?? 'last') : 'last';
    if (walk.map) return walk.map.flow ? this.addToFlowMap(walk.map, key, nested, where) : this.addToBlockMap(walk.map, key, nested, where);
    // `key:` with no value (or `~`, `null`) becomes a map holding the new key.
    const pair = walk.emptyPair!;
    const container = this.containers.get(pair);
    if (!container || container.flow) throw new Unsupported();
    return this.blockValue(pair, { [key]: nested }, this.indentStep(container));
  }

  private addToBlockMap(map: NodeMap, key: string, value: FixValue, place: NonNullable<Placement>): TextEdit[] {
    const first = map.items[0];
    if (!first || !hasRange(first.key)) throw new Unsupported();
    const indent = ' '.repeat(this.layout.column(first.key.range[0]));
    const lines = renderBlockPair(key, value, this.indentStep(map));
    if (place === 'first') {
      const keyLine = this.text.lastIndexOf('\n', first.key.range[0] - 1) + 1;
      if (/^[ \t]*$/.test(this.text.slice(keyLine, first.key.range[0]))) {
        // Above the first key and the comment lines right above it, which speak of that key.
        let at = keyLine;
        while (at > 0) {
          const previous = this.text.lastIndexOf('\n', at - 2) + 1;
          if (!this.text.slice(previous, at).trim().startsWith('#')) break;
          at = previous;
        }
        return [{ start: at, end: at, text: lines.map((line) => indent + line).join(this.eol) + this.eol }];
      }
      // The first key of a list item (`- name: x`): the new key takes the item's first line.
      const text = lines.map((line, i) => (i === 0 ? line : indent + line)).join(this.eol) + this.eol + indent;
      return [{ start: first.key.range[0], end: first.key.range[0], text }];
    }
    const anchor = (typeof place === 'object' ? findPair(map, place.after) : undefined) ?? map.items[map.items.length - 1]!;
    const end = this.layout.lineEnd(this.layout.pairEnd(anchor));
    const body = lines.map((line) => indent + line).join(this.eol);
    return [end.newline ? { start: end.offset, end: end.offset, text: body + this.eol } : { start: end.offset, end: end.offset, text: this.eol + body }];
  }

  private addToFlowMap(map: NodeMap, key: string, value: FixValue, place: NonNullable<Placement>): TextEdit[] {
    if (!hasRange(map)) throw new Unsupported();
    const first = map.items[0];
    if (!first) {
      const open = this.text.indexOf('{', map.range[0]);
      if (open < 0) throw new Unsupported();
      return [{ start: open + 1, end: open + 1, text: renderFlowPair(key, value, this.layout.jsonFile(), undefined) }];
    }
    if (!isScalar(first.key) || !hasRange(first.key)) throw new Unsupported();
    const layout = this.flowLayout(map);
    const pairText = renderFlowPair(key, value, this.layout.jsonStyle(map), layout);
    const separator = layout ? `,${this.eol}${layout.indent}` : ', ';
    if (place === 'first') return [{ start: first.key.range[0], end: first.key.range[0], text: pairText + separator }];
    const anchor = (typeof place === 'object' ? findPair(map, place.after) : undefined) ?? map.items[map.items.length - 1]!;
    const end = this.layout.pairEnd(anchor);
    return [{ start: end, end, text: separator + pairText }];
  }

  /**
   * A block map's pair gets a map or list as its value, written as lines under the key: the old value
   * (a scalar, or nothing) is removed, and a comment after it stays on the key's line.
   */
  private blockValue(pair: MapPair, value: FixValue, step: number): TextEdit[] {
    if (!hasRange(pair.key)) throw new Unsupported();
    const edits: TextEdit[] = [];
    const colon = this.layout.afterColon(pair.key);
    let lineEndFrom = colon;
    if (isScalar(pair.value) && hasRange(pair.value) && !isEmptyRange(pair.value)) {
      edits.push({ start: colon, end: pair.value.range[1], text: '' });
      lineEndFrom = pair.value.range[1];
    }
    const indent = ' '.repeat(this.layout.column(pair.key.range[0]) + step);
    const newline = this.text.indexOf('\n', lineEndFrom);
    const at = newline < 0 ? this.text.length : this.text[newline - 1] === '\r' ? newline - 1 : newline;
    const body = renderBlock(value, step)
      .map((line) => indent + line)
      .join(this.eol);
    edits.push({ start: at, end: at, text: this.eol + body });
    return edits;
  }

  private deleteKey(walk: Walk & { found: true }): TextEdit[] {
    const { pair, parent } = walk;
    if (!pair || !isMap(parent) || !hasRange(pair.key)) throw new Unsupported();
    const map = parent as NodeMap;
    const index = map.items.indexOf(pair);
    const next = map.items[index + 1];
    if (map.flow) {
      const end = this.layout.pairEnd(pair);
      let edit: TextEdit;
      if (map.items.length === 1) edit = { start: pair.key.range[0], end, text: '' };
      else if (next && hasRange(next.key)) edit = { start: pair.key.range[0], end: next.key.range[0], text: '' };
      else edit = { start: this.layout.pairEnd(map.items[index - 1]!), end, text: '' };
      if (this.text.slice(edit.start, edit.end).includes('#')) throw new Unsupported();
      return [edit];
    }
    // A block map emptied by a deletion would read as null, not as an empty map: delete the map's own key instead.
    if (map.items.length === 1) throw new Unsupported();
    const lineStart = this.text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    const end = this.layout.lineEnd(this.layout.pairEnd(pair)).offset;
    const comments = this.comments.between(lineStart, end);
    if (/^[ \t]*$/.test(this.text.slice(lineStart, pair.key.range[0]))) {
      // Comments on the deleted lines stay, each on a line of its own at the key's indentation.
      const indent = this.text.slice(lineStart, pair.key.range[0]);
      return [{ start: lineStart, end, text: comments.map((comment) => indent + comment + this.eol).join('') }];
    }
    // The first key of a list item (`- name: x`): the next key moves up into its place.
    if (comments.length > 0 || !next || !hasRange(next.key) || this.text.slice(end, next.key.range[0]).trim() !== '') throw new Unsupported();
    return [{ start: pair.key.range[0], end: next.key.range[0], text: '' }];
  }

  /** How far this file indents a nested map: the map's column less its key's, else 2. */
  private indentStep(map: NodeMap): number {
    const parentPair = this.owners.get(map);
    const first = map.items[0];
    if (parentPair && hasRange(parentPair.key) && first && hasRange(first.key)) {
      const step = this.layout.column(first.key.range[0]) - this.layout.column(parentPair.key.range[0]);
      if (step > 0 && step <= 8) return step;
    }
    return 2;
  }

  /** A flow map laid out one pair per line (as JSON usually is): the indentation of its pairs; undefined for a map on one line. */
  private flowLayout(map: NodeMap): FlowLayout | undefined {
    const first = map.items[0];
    if (!hasRange(map) || !first || !hasRange(first.key) || !this.text.slice(map.range[0], first.key.range[0]).includes('\n')) return undefined;
    return { indent: ' '.repeat(this.layout.column(first.key.range[0])), step: this.indentStep(map), eol: this.eol };
  }
}

function isObjectValue(value: FixValue): boolean {
  return typeof value === 'object' && value !== null;
}
