/**
 * Derived views of a ResourceIndex: values computed from the whole input once per run (or once per
 * argument) and shared by every rule that asks. A view is a typed value, cached by its identity: two
 * modules cannot collide on a name, and what a view holds is its declared type.
 */
import type { ResourceIndex, View } from './types.js';

export type { View };

/** A view built on first use: `const OWNERS = view('ingress host owners', (index) => …)`, then `index.view(OWNERS)`. */
export function view<T>(name: string, build: (index: ResourceIndex) => T): View<T> {
  return Object.freeze({ name, build });
}

/** A value that tells arguments apart: the parts of a lookup key, compared one by one as Map keys. */
export type KeyPart = string | number | boolean | object | undefined;

/**
 * A view that answers per argument, each answer computed on its first ask: `index.view(PEERS)(selector)`.
 * `keyOf` lists what makes two arguments the same question (e.g. a selector's canonical form).
 */
export function lookupView<A, T>(name: string, keyOf: (arg: A) => readonly KeyPart[], compute: (index: ResourceIndex, arg: A) => T): View<(arg: A) => T> {
  return view(name, (index) => {
    const answers = new TupleMap<T>();
    return (arg) => answers.getOrAdd(keyOf(arg), () => compute(index, arg));
  });
}

/** The views of one index, each built once, from the index `of` returns (an index may wrap another). */
export class ViewCache {
  private readonly built = new Map<View<unknown>, unknown>();

  constructor(private readonly of: () => ResourceIndex) {}

  get<T>(view: View<T>): T {
    if (!this.built.has(view)) this.built.set(view, view.build(this.of()));
    return this.built.get(view) as T; // set above from this very view, whose build returns T
  }
}

/** A map keyed by tuples: one nested Map per position, so no key is ever joined into a string. */
class TupleMap<T> {
  private readonly children = new Map<KeyPart, TupleMap<T>>();
  private value: { readonly v: T } | undefined;

  getOrAdd(key: readonly KeyPart[], make: () => T): T {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk down the tuple starts at this node
    let node: TupleMap<T> = this;
    for (const part of key) {
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = new TupleMap<T>()));
      node = child;
    }
    return (node.value ??= { v: make() }).v;
  }
}
