/**
 * The parts of cel-go's strings extension (ext.Strings, version 2 from Kubernetes 1.29 in base.go) that the
 * evaluator lacks: charAt, replace, format, strings.quote. indexOf, lastIndexOf, lowerAscii,
 * upperAscii, split, substring, trim and join are built in.
 */
import { Duration } from '@marcbachmann/cel-js/evaluator';
import { celError, registerNamespace, toIndex, type CelLibrary } from '../library.js';
import { toPlain, typeName, typeValueName } from '../values.js';

function charAt(s: string, index: bigint): string {
  const chars = Array.from(s);
  const i = toIndex(index);
  if (i < 0 || i > chars.length) throw celError(`index out of range: ${index}`);
  return chars[i] ?? '';
}

/** Go's strings.Replace: n < 0 replaces every occurrence; an empty `from` matches between code points. */
function replace(s: string, from: string, to: string, n: number): string {
  if (n === 0 || (from === to && from !== '')) return s;
  if (from === '') {
    const chars = Array.from(s);
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (n < 0 || done < n) {
        out += to;
        done++;
      }
      out += chars[i] ?? '';
    }
    return out;
  }
  const parts = s.split(from);
  if (n < 0 || n >= parts.length - 1) return parts.join(to);
  return parts.slice(0, n + 1).join(to) + from + parts.slice(n + 1).join(from);
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };

/** cel-go ext strings `quote`: the string in double quotes with escapes for control characters, quotes and backslashes. */
function quote(s: string): string {
  return `"${s.replace(/[\x07\b\f\n\r\t\v\\"]/g, (c) => QUOTE_ESCAPES[c]!)}"`;
}

/** `string(x)` as `%s` prints it. */
function formatString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number') return formatDouble(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatListItem).join(', ')}]`;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (value instanceof Duration) return value.toString();
  if (value instanceof Map)
    return `{${[...value]
      .map(([k, v]) => `${formatListItem(k)}: ${formatListItem(v)}`)
      .sort()
      .join(', ')}}`;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) {
      return `{${Object.entries(value)
        .map(([k, v]) => `${quote(k)}: ${formatListItem(v)}`)
        .sort()
        .join(', ')}}`;
    }
    if (value.constructor?.name === 'Type') return typeValueName(value);
    return String(toPlain(value));
  }
  return String(value);
}

function formatListItem(value: unknown): string {
  return typeof value === 'string' ? quote(value) : formatString(value);
}

function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

function fixed(value: unknown, precision: number): string {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number') throw celError(`fixed-point clause can only be used on doubles, was given ${typeName(value)}`);
  if (!Number.isFinite(n)) return formatDouble(n);
  return toFixedHalfEven(n, precision);
}

/** Go rounds an exact tie to even (`%.0f` of 2.5 is "2"); JavaScript's toFixed rounds it away from zero. */
function toFixedHalfEven(n: number, precision: number): string {
  const rounded = n.toFixed(precision);
  if (Math.abs(n) >= 1e21 || precision > 80) return rounded;
  const exact = Math.abs(n).toFixed(100);
  const cut = exact.indexOf('.') + (precision === 0 ? 0 : precision + 1);
  if (!/^\.?50*$/.test(exact.slice(cut))) return rounded;
  const truncated = `${n < 0 ? '-' : ''}${exact.slice(0, cut)}`;
  return Number(truncated.at(-1)) % 2 === 0 ? truncated : rounded;
}

function scientific(value: unknown, precision: number): string {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number') throw celError(`scientific clause can only be used on doubles, was given ${typeName(value)}`);
  if (!Number.isFinite(n)) return formatDouble(n);
  return n.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
}

function integerClause(value: unknown, radix: number, verb: string): string {
  if (typeof value === 'number' && !Number.isFinite(value) && verb === 'd') return formatDouble(value);
  if (typeof value === 'boolean' && verb === 'b') return value ? '1' : '0';
  if (typeof value === 'bigint') return value < 0n ? `-${(-value).toString(radix)}` : value.toString(radix);
  if (typeof value === 'object' && value !== null && value.constructor?.name === 'UnsignedInt') return (value as { value: bigint }).value.toString(radix);
  if (verb === 'x' || verb === 'X') {
    if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('hex');
    if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  }
  throw celError(
    `error during formatting: ${verb === 'd' ? 'decimal' : verb === 'b' ? 'binary' : verb === 'o' ? 'octal' : 'hex'} clause can only be used on integers, was given ${typeName(value)}`,
  );
}

/** cel-go ext strings `format`: %s %d %f %e %b %o %x %X %% with an optional `.precision`. */
function format(template: string, args: readonly unknown[]): string {
  let next = 0;
  const arg = (): unknown => {
    if (next >= args.length) throw celError(`index ${next} out of range`);
    return args[next++];
  };
  const out = template.replace(/%(?:\.(\d+))?([a-zA-Z%])/g, (_m, precision: string | undefined, verb: string) => {
    const p = precision === undefined ? 6 : Number(precision);
    switch (verb) {
      case '%':
        return '%';
      case 's':
        return formatString(arg());
      case 'd':
        return integerClause(arg(), 10, 'd');
      case 'f':
        return fixed(arg(), p);
      case 'e':
        return scientific(arg(), p);
      case 'b':
        return integerClause(arg(), 2, 'b');
      case 'o':
        return integerClause(arg(), 8, 'o');
      case 'x':
        return integerClause(arg(), 16, 'x');
      case 'X':
        return integerClause(arg(), 16, 'X').toUpperCase();
      default:
        throw celError(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
    }
  });
  if (next < args.length) throw celError(`too many arguments supplied to string.format (expected ${next}, got ${args.length})`);
  return out;
}

/** Replacements for the evaluator's lowerAscii, upperAscii and trim, which also change or strip non-ASCII letters and spaces. */
export const ASCII_CASING = { lowerAscii: 'k8sLowerAscii', upperAscii: 'k8sUpperAscii', trim: 'k8sTrim' } as const;

/** Go's unicode.IsSpace, which cel-go's trim uses: JS \s without U+FEFF, plus U+0085. */
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const TRIM = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

/** charAt, replace and ASCII casing: in every version of the strings extension Kubernetes used. */
export const stringsLibrary: CelLibrary = {
  name: 'strings',
  since: 0,
  register(env) {
    env.registerFunction(`string.${ASCII_CASING.lowerAscii}(): string`, (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()));
    env.registerFunction(`string.${ASCII_CASING.upperAscii}(): string`, (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()));
    env.registerFunction(`string.${ASCII_CASING.trim}(): string`, (s: string) => s.replace(TRIM, ''));
    env.registerFunction('string.charAt(int): string', charAt);
    env.registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) => replace(s, from, to, -1));
    env.registerFunction('string.replace(string, string, int): string', (s: string, from: string, to: string, n: bigint) => replace(s, from, to, toIndex(n)));
  },
};

/** format and strings.quote: strings extension version 1 and later (base.go: version 2 from 1.29). */
export const stringsV2Library: CelLibrary = {
  name: 'strings-v2',
  since: 29,
  register(env) {
    env.registerFunction('string.format(list): string', format);
    registerNamespace(env, 'strings', 'k8s.StringsNamespace');
    env.registerFunction('k8s.StringsNamespace.quote(string): string', (_: unknown, s: string) => quote(s));
  },
};
