/**
 * Standard CEL functions and operators that cel-go has and the evaluator lacks: bytes ordering,
 * int(uint), int(timestamp), string(timestamp), string(duration).
 */
import type { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celError, type CelLibrary } from '../library.js';
import { celCompare } from '../values.js';

const MAX_INT64 = 9223372036854775807n;

/** RFC 3339 with as many fraction digits as needed, as cel-go prints timestamps. */
function timestampText(date: Date): string {
  return date
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/(\.\d*?)0+Z$/, '$1Z');
}

export const coreLibrary: CelLibrary = {
  name: 'core',
  since: 0,
  register(env) {
    for (const op of ['<', '<=', '>', '>='] as const) {
      const test = { '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0 }[op];
      env.registerOperator(`bytes ${op} bytes`, (a: Uint8Array, b: Uint8Array) => test(celCompare(a, b)));
    }
    env.registerFunction('int(uint): int', (u: UnsignedInt) => {
      if (u.value > MAX_INT64) throw celError('integer overflow');
      return u.value;
    });
    env.registerFunction('int(google.protobuf.Timestamp): int', (t: Date) => BigInt(Math.floor(t.getTime() / 1000)));
    env.registerFunction('string(google.protobuf.Timestamp): string', timestampText);
    env.registerFunction('string(google.protobuf.Duration): string', (d: Duration) => d.toString());
  },
};
