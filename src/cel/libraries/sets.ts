/** cel-go ext.Sets: sets.contains, sets.equivalent, sets.intersects (base.go: 1.29). */
import { registerNamespace, type CelLibrary } from '../library.js';
import { celEquals } from '../values.js';

const has = (list: readonly unknown[], item: unknown): boolean => list.some((x) => celEquals(x, item));

export const setsLibrary: CelLibrary = {
  name: 'sets',
  since: 29,
  register(env) {
    registerNamespace(env, 'sets', 'k8s.SetsNamespace');
    env.registerFunction('k8s.SetsNamespace.contains(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => b.every((x) => has(a, x)));
    env.registerFunction('k8s.SetsNamespace.equivalent(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => a.every((x) => has(b, x)) && b.every((x) => has(a, x)));
    env.registerFunction('k8s.SetsNamespace.intersects(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => a.some((x) => has(b, x)));
  },
};
