import type { UnjudgedReferences } from '../api/types.js';

/** A namespace whose references some rule could not judge, and why. */
export interface Unjudged {
  readonly namespace: string;
  readonly reason: string;
}

/** Collects, once each, the references rules could not judge in a run (handed to them as `context.unjudged`). */
export class UnjudgedCollector implements UnjudgedReferences {
  private readonly reasons = new Map<string, Set<string>>();

  add(namespace: string, reason: string): void {
    const known = this.reasons.get(namespace);
    if (known) known.add(reason);
    else this.reasons.set(namespace, new Set([reason]));
  }

  /** By namespace, then reason (code unit order). */
  list(): Unjudged[] {
    const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.reasons.keys()].sort(byCodeUnits).flatMap((namespace) => [...this.reasons.get(namespace)!].sort(byCodeUnits).map((reason) => ({ namespace, reason })));
  }
}
