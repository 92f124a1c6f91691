/** Kubernetes' lists library (k8s.io/apiserver/pkg/cel/library/lists.go): isSorted, sum, min, max, indexOf, lastIndexOf. */
import { Duration } from '@marcbachmann/cel-js/evaluator';
import { celError, type CelLibrary } from '../library.js';
import { celCompare, celEquals } from '../values.js';

function sum(list: readonly unknown[]): unknown {
  if (list.length === 0) return 0n;
  const first = list[0];
  if (first instanceof Duration) return list.reduce((acc: Duration, d) => acc.addDuration(d as Duration), new Duration(0n));
  if (typeof first === 'number') return list.reduce((acc: number, n) => acc + Number(n), 0);
  if (typeof first === 'bigint') {
    const total = list.reduce((acc: bigint, n) => acc + (n as bigint), 0n);
    if (total > 9223372036854775807n || total < -9223372036854775808n) throw celError('integer overflow');
    return total;
  }
  const { constructor } = first as object;
  if (constructor?.name === 'UnsignedInt') {
    const total = list.reduce((acc: bigint, n) => acc + (n as { value: bigint }).value, 0n);
    return new (constructor as new (v: bigint) => unknown)(total);
  }
  throw celError(`no such overload: sum of ${typeof first}`);
}

function extreme(list: readonly unknown[], sign: 1 | -1, name: string): unknown {
  if (list.length === 0) throw celError(`${name}(list) argument must not be empty`);
  return list.reduce((best, x) => (celCompare(x, best) * sign > 0 ? x : best));
}

export const listsLibrary: CelLibrary = {
  name: 'lists',
  since: 0,
  register(env) {
    env.registerFunction('list.isSorted(): bool', (list: unknown[]) => list.every((x, i) => i === 0 || celCompare(list[i - 1], x) <= 0));
    env.registerFunction('list.sum(): dyn', sum);
    env.registerFunction('list.min(): dyn', (list: unknown[]) => extreme(list, -1, 'min'));
    env.registerFunction('list.max(): dyn', (list: unknown[]) => extreme(list, 1, 'max'));
    env.registerFunction('list.indexOf(dyn): int', (list: unknown[], item: unknown) => BigInt(list.findIndex((x) => celEquals(x, item))));
    env.registerFunction('list.lastIndexOf(dyn): int', (list: unknown[], item: unknown) => {
      for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], item)) return BigInt(i);
      return -1n;
    });
  },
};
