/**
 * Kubernetes' quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go; base.go: 1.28) with an exact
 * port of resource.ParseQuantity (k8s.io/apimachinery/pkg/api/resource). `mul`, `div` and `divInt` are not
 * in a released Kubernetes yet and are left out.
 */
import { celError, type CelLibrary } from '../library.js';
import type { CelStringable } from '../values.js';

const MAX_INT64 = 9223372036854775807n;
const MIN_INT64 = -9223372036854775808n;
const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * A quantity as n × 10^scale. `exact` mirrors Go's representation: false when the value is held as an
 * inf.Dec or with a negative scale, where Quantity.AsInt64 gives up even for whole numbers ("1.0").
 */
class Quantity implements CelStringable {
  constructor(
    readonly n: bigint,
    readonly scale: number,
    readonly int64Form: boolean,
    readonly text?: string,
  ) {}

  /** Go Quantity.AsInt64. */
  asInt64(): bigint | undefined {
    if (!this.int64Form || this.scale < 0) return undefined;
    const value = this.n * 10n ** BigInt(this.scale);
    return value > MAX_INT64 || value < MIN_INT64 ? undefined : value;
  }

  compare(other: Quantity): number {
    const scale = Math.min(this.scale, other.scale);
    const a = this.n * 10n ** BigInt(this.scale - scale);
    const b = other.n * 10n ** BigInt(other.scale - scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Go Quantity.Add on int64Amounts: aligned to the smaller scale; overflow or an inf.Dec operand gives an inf.Dec. */
  plus(other: Quantity): Quantity {
    const scale = Math.min(this.scale, other.scale);
    const n = this.n * 10n ** BigInt(this.scale - scale) + other.n * 10n ** BigInt(other.scale - scale);
    const fits = n <= MAX_INT64 && n >= MIN_INT64;
    return new Quantity(n, scale, this.int64Form && other.int64Form && fits);
  }

  negated(): Quantity {
    return new Quantity(-this.n, this.scale, this.int64Form);
  }

  approximate(): number {
    return Number(this.n) * 10 ** this.scale;
  }

  celString(): string {
    if (this.text !== undefined) return this.text;
    if (this.scale >= 0) return (this.n * 10n ** BigInt(this.scale)).toString();
    const digits = (this.n < 0n ? -this.n : this.n).toString().padStart(-this.scale + 1, '0');
    const cut = digits.length + this.scale;
    return `${this.n < 0n ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }
}

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** resource.ParseQuantity; the error strings are resource's own. */
function parseQuantity(text: string): Quantity | string {
  if (text.length === 0) return FORMAT_WRONG;
  const match = /^([+-]?)0*(\d*)(?:\.(\d*))?(.*)$/s.exec(text);
  if (!match) return FORMAT_WRONG;
  const [, sign = '', num = '', denom = '', suffix = ''] = match;
  if (!/^[eEinumkKMGTP]*[-+]?\d*$/.test(suffix)) return FORMAT_WRONG;
  if (!/\d/.test(text.slice(0, text.length - suffix.length))) return 'unable to parse numeric part of quantity';
  let exponent: number;
  let binary = 0;
  if (suffix in DECIMAL_SUFFIXES) exponent = DECIMAL_SUFFIXES[suffix]!;
  else if (suffix in BINARY_SUFFIXES) {
    exponent = 0;
    binary = BINARY_SUFFIXES[suffix]!;
  } else if (/^[eE][-+]?\d+$/.test(suffix) && Math.abs(Number(suffix.slice(1))) <= 2 ** 31) exponent = Number(suffix.slice(1));
  else return "unable to parse quantity's suffix";

  const digits = BigInt(`${num}${denom}` || '0');
  const magnitude = binary ? digits * (1n << BigInt(binary)) : digits;
  const n = sign === '-' ? -magnitude : magnitude;
  const scale = exponent - denom.length;
  // ParseQuantity's fast path yields an int64Amount; everything else becomes an inf.Dec.
  const precision = binary ? (denom.length === 0 ? 15 - num.length - Math.floor((binary * 3) / 10) - 1 : -1) : 18 - (num.length + denom.length);
  const int64Form = precision >= 0 && scale >= -9 && magnitude <= MAX_INT64;
  return new Quantity(n, scale, int64Form, text);
}

function quantityOrThrow(text: string): Quantity {
  const q = parseQuantity(text);
  if (typeof q === 'string') throw celError(q);
  return q;
}

const fromInt = (v: bigint): Quantity => new Quantity(v, 0, true);

export const quantityLibrary: CelLibrary = {
  name: 'quantity',
  since: 28,
  register(env) {
    env.registerType('kubernetes.Quantity', Quantity);
    env.registerOperator('kubernetes.Quantity == kubernetes.Quantity', (a: Quantity, b: Quantity) => a.compare(b) === 0);
    env.registerFunction('quantity(string): kubernetes.Quantity', quantityOrThrow);
    env.registerFunction('isQuantity(string): bool', (s: string) => typeof parseQuantity(s) !== 'string');
    const sign = (q: Quantity): bigint => (q.n > 0n ? 1n : q.n < 0n ? -1n : 0n);
    env.registerFunction('sign(kubernetes.Quantity): int', sign);
    env.registerFunction('kubernetes.Quantity.sign(): int', sign);
    env.registerFunction('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (a: Quantity, b: Quantity) => a.compare(b) > 0);
    env.registerFunction('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (a: Quantity, b: Quantity) => a.compare(b) < 0);
    env.registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (a: Quantity, b: Quantity) => BigInt(a.compare(b)));
    env.registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (q: Quantity) => q.approximate());
    env.registerFunction('kubernetes.Quantity.isInteger(): bool', (q: Quantity) => q.asInt64() !== undefined);
    env.registerFunction('kubernetes.Quantity.asInteger(): int', (q: Quantity) => {
      const value = q.asInt64();
      if (value === undefined) throw celError('cannot convert value to integer');
      return value;
    });
    env.registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (a: Quantity, b: Quantity) => a.plus(b));
    env.registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (a: Quantity, b: bigint) => a.plus(fromInt(b)));
    env.registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (a: Quantity, b: Quantity) => a.plus(b.negated()));
    env.registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (a: Quantity, b: bigint) => a.plus(fromInt(-b)));
  },
};
