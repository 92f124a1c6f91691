import type { FixOperation } from '../api/types.js';

/** What the operations make of a plain value (a copy the caller owns): the meaning a fix must have in the text. */
export function applyOperations(root: unknown, operations: readonly FixOperation[]): unknown {
  for (const operation of operations) {
    const path = operation.at;
    if (path.length === 0) continue;
    let parent: unknown = root;
    let missing = false;
    for (const segment of path.slice(0, -1)) {
      const container = parent as Record<string | number, unknown>;
      let next = isContainer(parent) ? container[segment] : undefined;
      if (!isContainer(next)) {
        if (operation.op !== 'set' || !isContainer(parent)) {
          missing = true;
          break;
        }
        next = container[segment] = {};
      }
      parent = next;
    }
    if (missing || !isContainer(parent)) continue;
    const container = parent as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (operation.op === 'set') container[last] = structuredClone(operation.value);
    else if (!Object.hasOwn(container, last)) continue;
    else if (operation.op === 'delete') delete container[last];
    else {
      const value = container[last];
      delete container[last];
      container[operation.to] = value;
    }
  }
  return root;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Structural equality of decoded YAML values (key order aside). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (ArrayBuffer.isView(a))
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength),
    );
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
