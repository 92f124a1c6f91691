/**
 * What an annotation key is to the AWS controllers: a key they read, a typo in a key family they own
 * (with the key the user most likely meant), a known name under a prefix they never read, or a key
 * that is none of their business.
 */
import { closestMatch, editDistance } from '../../util/suggest.js';
import { ALB_PREFIX, awsCatalogue, SERVICE_PREFIX, type AnnotationEntry } from './catalogue.js';

export type KeyVerdict =
  | { readonly kind: 'known'; readonly entry: AnnotationEntry }
  /** Not in a key family the AWS controllers own. */
  | { readonly kind: 'foreign' }
  /** In an owned family but read by no controller: silently ignored. */
  | { readonly kind: 'unknown'; readonly suggestion?: string; readonly hint?: string; readonly pattern?: PatternHint }
  /** A controller key under a prefix the controller does not read. */
  | { readonly kind: 'wrongPrefix'; readonly prefix: string; readonly suggestion: string };

/** A pattern key whose variable part is malformed: the part after `head` must be `form` (the catalogue's words). */
interface PatternHint {
  readonly head: string;
  readonly form: string;
}

const AWS_LB = 'aws-load-balancer-';
const NEAR_PREFIX_DISTANCE = 2;
/** The longest valid annotation key (a 253-character prefix, `/`, a 63-character name), with slack; longer ones get no suggestion. */
const MAX_KEY_LENGTH = 330;

export function classifyAnnotationKey(key: string): KeyVerdict {
  const catalogue = awsCatalogue();
  const entry = catalogue.lookup(key);
  if (entry) return { kind: 'known', entry };
  const slash = key.indexOf('/');
  if (slash < 0) return { kind: 'foreign' };
  const prefix = key.slice(0, slash + 1);
  const name = key.slice(slash + 1);

  const lowerName = name.toLowerCase();
  const owned = catalogue.checkedKeys.some((family) => family.prefix === prefix && lowerName.startsWith(family.namePrefix));
  // Edit distances on absurdly long keys would cost more than they could tell.
  if (key.length > MAX_KEY_LENGTH) return owned ? { kind: 'unknown' } : { kind: 'foreign' };
  if (owned) {
    const misspelt = misspelling(key);
    if (misspelt) return { kind: 'unknown', ...misspelt };
    return { kind: 'unknown', ...suggestName(prefix, name) };
  }

  const bare = prefix.slice(0, -1);
  const serviceKey = lowerName.startsWith('aws-') || lowerName.startsWith('actions.') || lowerName === 'load-balancer-source-ranges';
  const nearService = editDistance(bare, SERVICE_PREFIX.slice(0, -1)) <= NEAR_PREFIX_DISTANCE;
  // Only prefixes that could be ours: a typo of service.beta, or another Kubernetes prefix. Other
  // controllers' keys (zalando.org/aws-load-balancer-type) are theirs.
  const kubernetesPrefix = nearService || prefix === 'kubernetes.io/' || prefix.endsWith('.kubernetes.io/');
  if ((lowerName.startsWith(AWS_LB) || serviceKey) && kubernetesPrefix) {
    return { kind: 'wrongPrefix', prefix: SERVICE_PREFIX, suggestion: rebased(SERVICE_PREFIX, name) };
  }
  if (editDistance(bare, ALB_PREFIX.slice(0, -1)) <= NEAR_PREFIX_DISTANCE) {
    return { kind: 'wrongPrefix', prefix: ALB_PREFIX, suggestion: rebased(ALB_PREFIX, name) };
  }
  return { kind: 'foreign' };
}

/** The key under the right prefix: as is when the controller reads it, else the nearest key it reads. */
function rebased(prefix: string, name: string): string {
  const key = prefix + name;
  if (awsCatalogue().lookup(key)) return key;
  const misspelt = misspelling(key);
  if (misspelt?.suggestion) return misspelt.suggestion;
  return suggestName(prefix, name).suggestion ?? key;
}

function misspelling(key: string): { suggestion?: string; hint?: string } | undefined {
  const list = awsCatalogue().misspellings;
  const found = list.find((m) => m.key === key) ?? list.find((m) => m.key.toLowerCase() === key.toLowerCase());
  if (!found) return undefined;
  return found.suggestion !== undefined ? { suggestion: found.suggestion } : { hint: found.hint! };
}

/** The key the user most likely meant by `name` under `prefix`, or a hint about the expected form. */
function suggestName(prefix: string, name: string): { suggestion?: string; pattern?: PatternHint } {
  const catalogue = awsCatalogue();
  const names = catalogue.exactKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  const patterns = catalogue.patternEntries.filter((e) => e.keyPattern!.prefix.startsWith(prefix));

  // camelCase written for kebab-case (the old aws-alb-ingress-controller style): listenPorts.
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const sameWord = names.find((n) => n === kebab || n.toLowerCase() === name.toLowerCase());
  if (sameWord) return { suggestion: prefix + sameWord };

  // A pattern key with a malformed variable part: listener-attributes.tcp-80.
  for (const entry of patterns) {
    const head = entry.keyPattern!.prefix.slice(prefix.length);
    const lower = name.toLowerCase();
    const near = lower.startsWith(head.toLowerCase()) ? name.slice(head.length) : `${lower}.` === head.toLowerCase() ? '' : nearHead(name, head);
    if (near === undefined) continue;
    const fixed = fixSuffix(entry, near);
    if (fixed !== undefined) return { suggestion: entry.keyPattern!.prefix + fixed };
    return { pattern: { head, form: entry.keyPattern!.hint } };
  }

  // A typo: compare the distinctive part (without aws-load-balancer-) when both have it.
  const strip = (n: string): string => (name.startsWith(AWS_LB) && n.startsWith(AWS_LB) ? n.slice(AWS_LB.length) : n);
  const byStripped = new Map(names.map((n) => [strip(n), n] as const));
  const close = closestMatch(strip(kebab), byStripped.keys());
  if (close !== undefined) return { suggestion: prefix + byStripped.get(close)! };
  return {};
}

/** For `action.foo` against the pattern head `actions.`: the rest (`foo`) when the heads are a typo apart. */
function nearHead(name: string, head: string): string | undefined {
  const dot = name.indexOf('.');
  if (dot < 0 || !head.endsWith('.')) return undefined;
  const written = name.slice(0, dot + 1);
  return editDistance(written.toLowerCase(), head.toLowerCase()) <= NEAR_PREFIX_DISTANCE ? name.slice(dot + 1) : undefined;
}

/** The variable part made valid by fixing its case (tcp-80 → TCP-80), or undefined. */
function fixSuffix(entry: AnnotationEntry, suffix: string): string | undefined {
  const pattern = new RegExp(entry.keyPattern!.suffix, 'u');
  for (const candidate of [suffix, suffix.toUpperCase(), suffix.replace(/^[^-]+/, (p) => p.toUpperCase())]) {
    if (pattern.test(candidate)) return candidate;
  }
  return undefined;
}
