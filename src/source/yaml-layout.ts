import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { hasRange, isEmptyRange, Unsupported, type MapPair, type NodeMap, type RangedNode } from './yaml-nodes.js';

/** Where things are in a YAML file's text: the ends of pairs and lines, columns, the JSON style. */
export class YamlLayout {
  /** The file's line break (CRLF when it has any), for new lines. */
  readonly eol: string;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Where a pair's content ends: its value's last character (or the key's, for an empty value), trailing comments aside. */
  pairEnd(pair: MapPair): number {
    const value = pair.value;
    if (value === null || (isScalar(value) && value.value === null && (!hasRange(value) || isEmptyRange(value)))) {
      if (!hasRange(pair.key)) throw new Unsupported();
      return this.afterColon(pair.key);
    }
    return this.nodeEnd(value);
  }

  /** Where a node's content ends: its last character, or that of the last item of a block collection. */
  nodeEnd(node: Node): number {
    if ((isMap(node) || isSeq(node)) && !node.flow) {
      const last = node.items[node.items.length - 1];
      if (last === undefined) throw new Unsupported();
      if (isPair(last)) return this.pairEnd(last as MapPair);
      if (last === null || !hasRange(last)) throw new Unsupported();
      return this.nodeEnd(last);
    }
    if (!hasRange(node)) throw new Unsupported();
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** The start of the line after `offset`'s, or the end of the text when it has no line break. */
  lineEnd(offset: number): { offset: number; newline: boolean } {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? { offset: this.text.length, newline: false } : { offset: newline + 1, newline: true };
  }

  /** The offset after the `:` that follows a key. */
  afterColon(key: RangedNode): number {
    const colon = this.text.indexOf(':', key.range[1]);
    if (colon < 0 || this.text.slice(key.range[1], colon).trim() !== '') throw new Unsupported();
    return colon + 1;
  }

  /** The column of an offset (0-based). */
  column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The document is JSON: its root is a flow map with double-quoted keys. */
  jsonFile(): boolean {
    const root = this.doc.contents;
    return isMap(root) && root.flow === true && this.jsonStyle(root);
  }

  /** A flow map written as JSON (double-quoted keys) gets JSON. */
  jsonStyle(map: NodeMap): boolean {
    const first = map.items[0];
    return isScalar(first?.key) && first.key.type === 'QUOTE_DOUBLE';
  }
}
