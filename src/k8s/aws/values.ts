/**
 * Whether an annotation value parses the way the controller parses it, as a list of problems.
 * Generic over the catalogue's value specs: the rules turn each problem into a message.
 */
import { closestMatch, editDistance } from '../../util/suggest.js';
import type { AnnotationEntry, ScalarSpec, ValueSpec } from './catalogue.js';
import { checkShape } from './json-shape.js';
import { isIPv4, isIPv6, parseCidr, parseGoBool, parseGoInt, parseJson, parseStringMap, splitList } from './parse.js';

export type ValueProblem =
  | { readonly code: 'enum'; readonly subject: string; readonly allowed: string; readonly suggestion: string | undefined; readonly ignored: boolean }
  | { readonly code: 'boolean'; readonly subject: string }
  | { readonly code: 'integer'; readonly subject: string; readonly overflow: boolean }
  | { readonly code: 'range'; readonly subject: string; readonly min: number | undefined; readonly max: number | undefined; readonly source: 'AWS' | 'controller' }
  | { readonly code: 'format'; readonly subject: string; readonly problem: string }
  | { readonly code: 'stringMap'; readonly pair: string; readonly problem: 'noEquals' | 'emptyKey' }
  | { readonly code: 'mapKey'; readonly mapKey: string; readonly suggestion: string | undefined; readonly allowed: string | undefined }
  | { readonly code: 'quoted'; readonly mapKey: string; readonly value: string }
  /** A value inside a k=v map that AWS (or the controller) rejects. */
  | { readonly code: 'mapValue'; readonly mapKey: string; readonly value: string; readonly problem: ScalarProblem; readonly byController: boolean }
  | { readonly code: 'json'; readonly error: string }
  | { readonly code: 'jsonShape'; readonly where: string; readonly problem: string };

/** Who parses the value: the AWS Load Balancer Controller, the in-tree provider, or not known (accept what either accepts). */
export type ValueReader = 'lbc' | 'in-tree' | 'unknown';

/** The problems of a value for its catalogue entry; empty when it parses. */
export function checkAnnotationValue(entry: AnnotationEntry, raw: string, reader: ValueReader = 'lbc'): ValueProblem[] {
  if (reader === 'in-tree' && entry.inTreeValue) return checkValue(entry.inTreeValue, raw);
  const problems = checkValue(entry.value, raw);
  if (reader === 'unknown' && entry.inTreeValue && problems.length > 0 && checkValue(entry.inTreeValue, raw).length === 0) return [];
  return problems;
}

/** At most this many JSON shape problems per value: the first few say enough. */
const MAX_SHAPE_PROBLEMS = 3;

function checkValue(spec: ValueSpec, raw: string): ValueProblem[] {
  switch (spec.type) {
    case 'stringList': {
      if (!spec.item) return [];
      const problems: ValueProblem[] = [];
      for (const item of splitList(raw)) {
        const problem = checkScalar(spec.item, item, `entry ${quote(item)}`);
        if (problem) problems.push(problem);
      }
      return problems;
    }
    case 'stringMap': {
      const parsed = parseStringMap(raw, { allowBareKeys: spec.allowBareKeys ?? false });
      const problems: ValueProblem[] = parsed.errors.map((e) => ({ code: 'stringMap', pair: e.text, problem: e.problem }));
      const known = spec.keys ? Object.keys(spec.keys) : [];
      for (const pair of parsed.pairs) {
        if (pair.bare) continue;
        if (isQuoted(pair.value)) {
          problems.push({ code: 'quoted', mapKey: pair.key, value: pair.value });
          continue;
        }
        if (spec.keyFormat === 'integer' && !parseGoInt(pair.key).ok) {
          problems.push({ code: 'format', subject: `key ${quote(pair.key)}`, problem: 'is not a port number' });
        }
        const byController = spec.onlyKnownKeys === true || spec.keyFormat !== undefined;
        const keySpec = spec.keys?.[pair.key];
        if (keySpec) {
          const problem = checkScalar(keySpec, pair.value, pair.value);
          if (problem) problems.push(inMap(problem, pair.key, pair.value, byController));
        } else if (spec.onlyKnownKeys) {
          problems.push({ code: 'mapKey', mapKey: pair.key, suggestion: closestMatch(pair.key, known), allowed: known.join(', ') });
        } else if (known.length > 0) {
          const near = nearMiss(pair.key, known);
          if (near) problems.push({ code: 'mapKey', mapKey: pair.key, suggestion: near, allowed: undefined });
        }
        if (spec.value) {
          const problem = checkScalar(spec.value, pair.value, pair.value);
          if (problem) problems.push(inMap(problem, pair.key, pair.value, byController));
        }
      }
      return problems;
    }
    case 'json': {
      const parsed = parseJson(raw);
      if (!parsed.ok) return [{ code: 'json', error: parsed.error }];
      return checkShape(parsed.value, spec.shape)
        .slice(0, MAX_SHAPE_PROBLEMS)
        .map((p) => ({ code: 'jsonShape', where: p.where, problem: p.problem }));
    }
    default: {
      const problem = checkScalar(spec, raw, quote(raw));
      return problem ? [problem] : [];
    }
  }
}

function checkScalar(spec: ScalarSpec, raw: string, subject: string): ValueProblem | undefined {
  switch (spec.type) {
    case 'string': {
      if (raw === '' && spec.allowEmpty) return undefined;
      if (spec.maxLength !== undefined && raw.length > spec.maxLength) {
        return { code: 'format', subject, problem: `has ${raw.length} characters; the maximum is ${spec.maxLength}` };
      }
      if (spec.format && !matchesFormat(spec.format, raw)) return { code: 'format', subject, problem: `is not ${FORMAT_NAMES[spec.format]}` };
      if (spec.pattern && !compiled(spec.pattern).test(raw)) return { code: 'format', subject, problem: `is not ${spec.patternHint ?? `matching ${spec.pattern}`}` };
      return undefined;
    }
    case 'enum': {
      const ok = spec.caseInsensitive ? spec.allowed.some((a) => a.toLowerCase() === raw.toLowerCase()) : spec.allowed.includes(raw);
      if (ok) return undefined;
      if (raw === '' || raw.length > 100) return { code: 'enum', subject, allowed: spec.allowed.join(', '), suggestion: undefined, ignored: spec.othersIgnored ?? false };
      // Where other values are silently ignored, only a clear slip (case, one character) is an error.
      const suggestion = spec.othersIgnored
        ? spec.allowed.find((a) => a.toLowerCase() === raw.toLowerCase() || (raw.length >= 3 && editDistance(a, raw) === 1))
        : closestMatch(raw, spec.allowed);
      return { code: 'enum', subject, allowed: spec.allowed.join(', '), suggestion, ignored: suggestion === undefined && (spec.othersIgnored ?? false) };
    }
    case 'boolean':
      return parseGoBool(raw) === undefined ? { code: 'boolean', subject } : undefined;
    case 'integer': {
      const parsed = parseGoInt(raw, spec.bits ?? 32);
      if (!parsed.ok) return { code: 'integer', subject, overflow: parsed.reason === 'overflow' };
      if (spec.allowed && !spec.allowed.includes(parsed.value)) {
        return { code: 'enum', subject, allowed: spec.allowed.join(', '), suggestion: undefined, ignored: false };
      }
      if ((spec.min !== undefined && parsed.value < spec.min) || (spec.max !== undefined && parsed.value > spec.max)) {
        return { code: 'range', subject, min: spec.min, max: spec.max, source: spec.rangeSource ?? 'controller' };
      }
      return undefined;
    }
  }
}

/** A value inside a k=v map as the scalar problem it has; the message says it about the map key. */
type ScalarProblem = Extract<ValueProblem, { code: 'enum' | 'boolean' | 'integer' | 'range' | 'format' }>;

/** A scalar problem of a map value; a range names its own judge (the controller or AWS). */
function inMap(problem: ValueProblem, mapKey: string, value: string, byController: boolean): ValueProblem {
  if (problem.code !== 'enum' && problem.code !== 'boolean' && problem.code !== 'integer' && problem.code !== 'range' && problem.code !== 'format') return problem;
  return { code: 'mapValue', mapKey, value, problem, byController: problem.code === 'range' ? problem.source !== 'AWS' : byController };
}

/** A value quoted for a message, shortened when long. */
function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

const regexes = new Map<string, RegExp>();

/** The catalogue's patterns, compiled once. */
function compiled(pattern: string): RegExp {
  let regex = regexes.get(pattern);
  if (!regex) regexes.set(pattern, (regex = new RegExp(pattern, 'u')));
  return regex;
}

const FORMAT_NAMES = {
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidr: 'a CIDR (an IPv4 or IPv6 address with a prefix length, such as 10.0.0.0/16)',
  'ipv6-nat-prefix': 'auto_assigned or an IPv6 CIDR with prefix length /80',
} as const;

function matchesFormat(format: keyof typeof FORMAT_NAMES, raw: string): boolean {
  switch (format) {
    case 'ipv4':
      return isIPv4(raw);
    case 'ipv6':
      return isIPv6(raw);
    case 'cidr':
      return parseCidr(raw) !== undefined;
    case 'ipv6-nat-prefix': {
      if (raw === 'auto_assigned') return true;
      const cidr = parseCidr(raw);
      return cidr !== undefined && cidr.family === 6 && cidr.prefix === 80;
    }
  }
}

function isQuoted(value: string): boolean {
  return value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")));
}

/** A known key at most two edits away (a typo), or undefined: unknown keys far from any known key may be new AWS attributes. */
function nearMiss(value: string, candidates: readonly string[]): string | undefined {
  if (value.length > 200) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (candidate !== value && candidate.toLowerCase() === value.toLowerCase()) return candidate;
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance > 0 && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
