/**
 * The AWS load balancer annotation catalogue (`schemas/aws-annotations.json`, validated by
 * `schemas/aws-annotations.schema.json`): which keys the AWS Load Balancer Controller and the in-tree
 * provider read, and how each value is parsed. Rules stay generic over it: a new annotation is a
 * data change, not a code change.
 */
import { readPackageJson } from '../../util/package-root.js';

type AppliesTo = 'Service' | 'Ingress' | 'both';
type ControllerName = 'aws-load-balancer-controller' | 'in-tree' | 'both';

export type ScalarSpec =
  | {
      readonly type: 'string';
      readonly format?: 'ipv4' | 'ipv6' | 'cidr' | 'ipv6-nat-prefix';
      readonly pattern?: string;
      readonly patternHint?: string;
      readonly maxLength?: number;
      readonly allowEmpty?: boolean;
    }
  | { readonly type: 'enum'; readonly allowed: readonly string[]; readonly caseInsensitive?: boolean; readonly othersIgnored?: boolean }
  | { readonly type: 'boolean' }
  | {
      readonly type: 'integer';
      readonly bits?: 32 | 64;
      readonly min?: number;
      readonly max?: number;
      readonly allowed?: readonly number[];
      readonly rangeSource?: 'AWS' | 'controller';
    };

interface StringListSpec {
  readonly type: 'stringList';
  readonly item?: ScalarSpec;
}

interface StringMapSpec {
  readonly type: 'stringMap';
  readonly keys?: Readonly<Record<string, ScalarSpec>>;
  readonly onlyKnownKeys?: boolean;
  readonly keyFormat?: 'integer';
  readonly value?: ScalarSpec;
  readonly allowBareKeys?: boolean;
}

/** The Go type a JSON value is decoded into (see the `shape` definition of the catalogue's schema). */
export type Shape =
  | { readonly type: 'string'; readonly enum?: readonly string[]; readonly minLength?: number }
  | { readonly type: 'integer'; readonly minimum?: number; readonly maximum?: number }
  | { readonly type: 'boolean' | 'intOrString' | 'any' }
  | { readonly type: 'array'; readonly items: Shape; readonly minItems?: number; readonly weightsWhenMany?: string }
  | { readonly type: 'map'; readonly values: Shape }
  | StructShape;

export interface StructShape {
  readonly type: 'struct';
  readonly fields: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
  readonly nonEmpty?: readonly string[];
  readonly exactlyOne?: readonly (readonly string[])[];
  readonly requires?: Readonly<Record<string, readonly string[]>>;
  readonly discriminator?: string;
  readonly cases?: Readonly<
    Record<string, { readonly required?: readonly string[]; readonly forbidden?: readonly string[]; readonly exactlyOne?: readonly (readonly string[])[] }>
  >;
}

interface JsonSpec {
  readonly type: 'json';
  readonly shape: Shape;
}

export type ValueSpec = ScalarSpec | StringListSpec | StringMapSpec | JsonSpec;

export interface AnnotationEntry {
  /** The full key; for a pattern entry, a template such as `alb.ingress.kubernetes.io/actions.${action-name}`. */
  readonly key: string;
  readonly keyPattern?: { readonly prefix: string; readonly suffix: string; readonly hint: string };
  /** For a pattern entry: a concrete key that matches it. */
  readonly exampleKey?: string;
  readonly appliesTo: AppliesTo;
  readonly controller: ControllerName;
  readonly value: ValueSpec;
  /** How the in-tree provider parses the value, where it differs. */
  readonly inTreeValue?: ValueSpec;
  readonly default?: string;
  readonly deprecated?: { readonly replacement: string; readonly whenControllerHandles?: boolean };
  readonly deprecatedValues?: Readonly<Record<string, string>>;
  /** Read for a Classic ELB only; what to use on an NLB instead. */
  readonly classicOnly?: string;
  readonly groupMerge?: 'exclusive' | 'merge' | 'per-ingress';
  readonly groupCompare?: 'set';
  readonly perListenPort?: boolean;
  /** Another rule checks this annotation's value and placement (e.g. lb-source-ranges). */
  readonly checkedBy?: string;
  readonly albEquivalent?: string;
  readonly example: string;
  readonly summary?: string;
}

interface Misspelling {
  readonly key: string;
  readonly suggestion?: string;
  readonly hint?: string;
}

interface AwsCatalogue {
  readonly defaults: {
    readonly loadBalancerClass: string;
    readonly ingressClass: string;
    readonly ingressController: string;
    readonly ingressClassParamsKind: string;
  };
  readonly checkedKeys: readonly { readonly prefix: string; readonly namePrefix: string }[];
  readonly misspellings: readonly Misspelling[];
  readonly annotations: readonly AnnotationEntry[];
}

export const SERVICE_PREFIX = 'service.beta.kubernetes.io/';
export const ALB_PREFIX = 'alb.ingress.kubernetes.io/';

/** The catalogue with its lookups, built once. */
export interface Catalogue extends AwsCatalogue {
  /** The entry a key belongs to (exact keys first, then pattern keys), or undefined. */
  lookup(key: string): AnnotationEntry | undefined;
  /** The entry with exactly this key (or key template). */
  byKey(key: string): AnnotationEntry | undefined;
  readonly exactKeys: readonly string[];
  readonly patternEntries: readonly AnnotationEntry[];
}

let cached: Catalogue | undefined;

export function awsCatalogue(): Catalogue {
  if (cached) return cached;
  const data = readPackageJson<AwsCatalogue>('schemas/aws-annotations.json');
  const exact = new Map<string, AnnotationEntry>();
  const patterns: { entry: AnnotationEntry; suffix: RegExp }[] = [];
  const byTemplate = new Map<string, AnnotationEntry>();
  for (const entry of data.annotations) {
    byTemplate.set(entry.key, entry);
    if (entry.keyPattern) patterns.push({ entry, suffix: new RegExp(entry.keyPattern.suffix, 'u') });
    else exact.set(entry.key, entry);
  }
  cached = {
    ...data,
    exactKeys: [...exact.keys()],
    patternEntries: patterns.map((p) => p.entry),
    byKey: (key) => byTemplate.get(key),
    lookup(key) {
      const found = exact.get(key);
      if (found) return found;
      for (const { entry, suffix } of patterns) {
        const prefix = entry.keyPattern!.prefix;
        if (key.startsWith(prefix) && suffix.test(key.slice(prefix.length))) return entry;
      }
      return undefined;
    },
  };
  return cached;
}
