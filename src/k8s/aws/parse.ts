/**
 * Annotation values parsed the way the AWS Load Balancer Controller parses them
 * (`pkg/annotations/parser.go`, Go's strconv and net packages). Every function takes any string and
 * never throws.
 */

// Addresses and CIDRs are parsed as Go's net package does, once, in the shared DNS and IP helpers.
export { isIPv4, isIPv6, parseCidr } from '../dns.js';

/** Go `strconv.ParseBool`: exactly 1 t T TRUE true True / 0 f F FALSE false False. */
export function parseGoBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}

export type IntResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: 'syntax' | 'overflow' };

/** Go `strconv.ParseInt(raw, 10, bits)`: an optional sign and decimal digits, nothing else (no spaces, no units). */
export function parseGoInt(raw: string, bits: 32 | 64 = 32): IntResult {
  if (!/^[+-]?[0-9]+$/.test(raw)) return { ok: false, reason: 'syntax' };
  const big = BigInt(raw);
  const limit = bits === 64 ? 2n ** 63n : 2n ** 31n;
  if (big >= limit || big < -limit) return { ok: false, reason: 'overflow' };
  return { ok: true, value: Number(big) };
}

/** The controller's string list: split on commas, items trimmed, empty items dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

interface MapPair {
  readonly key: string;
  readonly value: string;
  /** The pair as written (trimmed), for messages. */
  readonly text: string;
  /** True when the pair has no `=` (only accepted where bare keys are allowed). */
  readonly bare: boolean;
}

export interface ParsedMap {
  readonly pairs: readonly MapPair[];
  /** Pairs the controller rejects (no `=`, or an empty key). */
  readonly errors: readonly { readonly text: string; readonly problem: 'noEquals' | 'emptyKey' }[];
}

/**
 * The controller's `k=v` map: pairs separated by commas (`\,` is a literal comma inside a value),
 * each split at its first `=`, keys and values trimmed. A pair without `=` or with an empty key makes
 * the controller reject the whole annotation.
 */
export function parseStringMap(raw: string, options: { allowBareKeys?: boolean } = {}): ParsedMap {
  const pairs: MapPair[] = [];
  const errors: { text: string; problem: 'noEquals' | 'emptyKey' }[] = [];
  for (const part of splitEscaped(raw)) {
    const text = part.trim();
    if (text === '') continue;
    const eq = text.indexOf('=');
    if (eq < 0) {
      if (options.allowBareKeys) pairs.push({ key: text, value: '', text, bare: true });
      else errors.push({ text, problem: 'noEquals' });
      continue;
    }
    const key = text.slice(0, eq).trim();
    if (key === '') {
      errors.push({ text, problem: 'emptyKey' });
      continue;
    }
    pairs.push({ key, value: text.slice(eq + 1).trim(), text, bare: false });
  }
  return { pairs, errors };
}

/** Splits on commas that are not escaped as `\,`; the escape becomes a plain comma. */
function splitEscaped(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && raw[i + 1] === ',') {
      current += ',';
      i++;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Parses JSON, or says why not in a short phrase. */
export function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.replace(/, ".*" is not valid JSON$/s, '') };
  }
}
