import type { Labels } from './selectors.js';

/**
 * Items filed under each of their labels, per scope (a namespace), so that the items a selector's
 * labels select are found among those carrying its rarest label instead of by scanning them all.
 */
export class LabelIndex<T> {
  private readonly byLabel = new Map<string, T[]>();

  add(scope: string, labels: Labels, item: T): void {
    for (const [key, value] of Object.entries(labels)) {
      const list = this.byLabel.get(labelKey(scope, key, value));
      if (list) list.push(item);
      else this.byLabel.set(labelKey(scope, key, value), [item]);
    }
  }

  /**
   * The items of `scope` carrying the rarest of `selector`'s labels, in the order added: a superset of
   * those it selects. Undefined for a selector without labels, for which every item is a candidate.
   */
  candidates(scope: string, selector: Labels): readonly T[] | undefined {
    let rarest: readonly T[] | undefined;
    for (const [key, value] of Object.entries(selector)) {
      const carrying = this.byLabel.get(labelKey(scope, key, value)) ?? [];
      if (rarest === undefined || carrying.length < rarest.length) rarest = carrying;
    }
    return rarest;
  }
}

function labelKey(scope: string, key: string, value: string): string {
  return `${scope}\u0000${key}\u0000${value}`;
}
