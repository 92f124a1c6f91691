import type { ResourceIndex } from '../../src/model/types.js';
import { ViewCache } from '../../src/model/views.js';

/** What a counting index has seen: the work the rules asked of the index, exact on any machine. */
export interface IndexWork {
  /** Elements read from the lists the index hands out, plus single lookups. */
  looked: number;
  /** Pod templates the index returned for selectors (it filters at least that many). */
  selected: number;
}

/**
 * An index whose lists count every element read from them (a rule that asks for a namespace's list and
 * only checks its length looks at nothing); views are built through it, so their work counts too.
 */
export function countingIndex(index: ResourceIndex, work: IndexWork): ResourceIndex {
  const count = <T extends readonly unknown[]>(list: T): T =>
    new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) work.looked++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  const views = new ViewCache(() => wrapped);
  const wrapped: ResourceIndex = {
    get all() {
      return count(index.all);
    },
    ofKind: (kind) => count(index.ofKind(kind)),
    findAll: (kind, namespace, name) => count(index.findAll(kind, namespace, name)),
    find: (kind, namespace, name) => {
      work.looked++;
      return index.find(kind, namespace, name);
    },
    inNamespace: (namespace) => count(index.inNamespace(namespace)),
    ofKindIn: (kind, namespace) => count(index.ofKindIn(kind, namespace)),
    podTemplates: (namespace) => count(index.podTemplates(namespace)),
    opaqueResources: (namespace) => count(index.opaqueResources(namespace)),
    selectPodTemplates: (namespace, selector) => {
      const selected = index.selectPodTemplates(namespace, selector);
      work.selected += selected.length;
      return count(selected);
    },
    view: (view) => views.get(view),
  };
  return wrapped;
}
