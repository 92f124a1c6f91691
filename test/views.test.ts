/** Derived views of the index (src/model/views.ts): built once per index, typed, keyed by identity and tuples. */
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/model/resource-index.js';
import type { Resource } from '../src/model/types.js';
import { lookupView, view } from '../src/model/views.js';

const resource = (kind: string, namespace: string, name: string): Resource => ({ kind, namespace, name }) as Resource;

describe('index views', () => {
  it('builds a view once per index, on first use', () => {
    let builds = 0;
    const names = view('names', (index) => {
      builds++;
      return index.all.map((r) => r.name);
    });
    const index = buildIndex([resource('Service', 'a', 'web'), resource('Service', 'b', 'api')]);
    expect(builds).toBe(0);
    expect(index.view(names)).toEqual(['web', 'api']);
    expect(index.view(names)).toBe(index.view(names));
    expect(builds).toBe(1);
    expect(buildIndex([resource('Service', 'a', 'db')]).view(names)).toEqual(['db']);
    expect(builds).toBe(2);
  });

  it('two views of the same name are two views: no collision', () => {
    const one = view('same', () => 1);
    const two = view('same', () => 'two');
    const index = buildIndex([]);
    expect([index.view(one), index.view(two)]).toEqual([1, 'two']);
  });

  it('a lookup view answers each distinct key once, keys compared part by part', () => {
    const asked: string[] = [];
    const joined = lookupView(
      'joined',
      (parts: readonly string[]) => parts,
      (_, parts) => {
        asked.push(parts.join('|'));
        return parts.length;
      },
    );
    const index = buildIndex([]);
    const lookup = index.view(joined);
    // Joined with any separator these would be one key; as tuples they are three.
    expect([lookup(['a\u0000b']), lookup(['a', 'b']), lookup(['a', 'b', '']), lookup(['a', 'b'])]).toEqual([1, 2, 3, 2]);
    expect(asked).toEqual(['a\u0000b', 'a|b', 'a|b|']);
  });

  it('ofKindIn lists the resources of one kind in one namespace, in input order', () => {
    const index = buildIndex([resource('Service', 'a', 'one'), resource('Secret', 'a', 'tls'), resource('Service', 'b', 'two'), resource('Service', 'a', 'three')]);
    expect(index.ofKindIn('Service', 'a').map((r) => r.name)).toEqual(['one', 'three']);
    expect(index.ofKindIn('Service', 'c')).toEqual([]);
    expect(index.ofKindIn('Ingress', 'a')).toEqual([]);
  });
});
