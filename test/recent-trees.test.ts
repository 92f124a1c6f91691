import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/source/parse.js';

const text = ['apiVersion: v1', 'kind: Service', 'metadata: {name: a}', '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: b}', ''].join('\n');

describe('syntax trees for positions', () => {
  it('keeps the tree last asked for, and no other (a large run would hold them all)', () => {
    const [first, second] = parseSource('a.yaml', text).documents;
    const tree = first!.node;
    expect(first!.node).toBe(tree); // asked again in a row: the same tree
    const other = second!.node;
    expect(other.contents?.range?.[0]).toBe(text.indexOf('apiVersion', 10));
    const again = first!.node;
    expect(again).not.toBe(tree); // parsed again, with the same ranges
    expect(again.contents?.range).toEqual(tree.contents?.range);
  });

  it('does so for files the full parser read (anchors), too', () => {
    const anchored = text.replace('metadata: {name: a}', 'metadata: &m {name: a}');
    const [first, second] = parseSource('a.yaml', anchored).documents;
    const tree = first!.node;
    expect(first!.node).toBe(tree);
    void second!.node;
    expect(first!.node).not.toBe(tree);
    expect(first!.node.contents?.range).toEqual(tree.contents?.range);
  });
});
