import type { FieldPath } from '../../api/types.js';
import { dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem, ianaServiceNameProblem, isLabelValue, qualifiedNameProblem } from '../../k8s/dns.js';
import { isObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';

/** How a kind's name is validated (apimachinery's ValidateNameFunc): the name becomes a DNS label or subdomain. */
export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label';

const NAME_RULES: Readonly<Record<NameRule, { readonly problem: (value: string) => string | undefined; readonly words: string }>> = {
  'dns1123-subdomain': { problem: dns1123SubdomainProblem, words: "a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)" },
  'dns1123-label': { problem: dns1123LabelProblem, words: "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)" },
  'dns1035-label': { problem: dns1035LabelProblem, words: "a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, at most 63 characters)" },
};

/** Why `value` is not a valid name under `rule`, with what a name must be; undefined when it is valid. */
export function nameProblem(value: string, rule: NameRule): string | undefined {
  const { problem, words } = NAME_RULES[rule];
  const found = problem(value);
  return found === undefined ? undefined : `"${value}" ${found}; it must be ${words}`;
}

/** validation.IsValidPortNum */
export function portNumberProblem(value: number): string | undefined {
  return value >= 1 && value <= 65535 ? undefined : `is ${value}; it must be between 1 and 65535, inclusive`;
}

/** validation.IsValidPortName (IANA_SVC_NAME) */
export function portNameProblem(value: string): string | undefined {
  const problem = ianaServiceNameProblem(value);
  return problem === undefined ? undefined : `"${value}" ${problem}: a port name is at most 15 lower-case letters, digits and '-', with at least one letter`;
}

/**
 * qualifiedNameProblem of label and annotation keys, kept per key: manifests repeat a few keys
 * (app.kubernetes.io/name, ...) on every object. Bounded, for long-running editor sessions.
 */
const keyProblems = new Map<string, string | undefined>();
const KEY_PROBLEMS_LIMIT = 10_000;

function qualifiedKeyProblem(key: string): string | undefined {
  if (keyProblems.has(key)) return keyProblems.get(key);
  const problem = qualifiedNameProblem(key);
  if (keyProblems.size >= KEY_PROBLEMS_LIMIT) keyProblems.clear();
  keyProblems.set(key, problem);
  return problem;
}

/** metav1validation.ValidateLabels: qualified-name keys, label values. */
export function validateLabels(labels: unknown, path: FieldPath, issues: Issues): void {
  if (!isObject(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem !== undefined)
      issues.invalidKey([...path, key], `is not a valid label key: "${key}" ${keyProblem}; a label key is [prefix/]name, the name at most 63 letters, digits, '-', '_' or '.'`);
    if (typeof value === 'string' && !isLabelValue(value)) {
      issues.invalid(
        [...path, key],
        `is "${value}", which is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or empty)`,
      );
    }
  }
}

/** apimachinery ValidateAnnotations: the 256 KiB limit on keys and values together. */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** apimachinery ValidateAnnotations: qualified-name keys (compared in lower case) and the total size. */
export function validateAnnotations(annotations: unknown, path: FieldPath, issues: Issues): void {
  if (!isObject(annotations)) return;
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const problem = qualifiedKeyProblem(key.toLowerCase());
    if (problem !== undefined)
      issues.invalidKey([...path, key], `is not a valid annotation key: "${key}" ${problem}; an annotation key is [prefix/]name, such as example.com/note`);
    total += utf8Length(key) + (typeof value === 'string' ? utf8Length(value) : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    issues.invalid(path, `total ${total} bytes, over the limit of ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (256 KiB); move the large values into a ConfigMap`);
  }
}

/** Finalizer names Kubernetes itself uses without a prefix (helper.IsStandardFinalizerName). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** ValidateFinalizerName and core's validateKubeFinalizerName. */
export function finalizerProblem(value: string): string | undefined {
  const problem = qualifiedNameProblem(value);
  if (problem !== undefined) return `"${value}" ${problem}; a finalizer is a qualified name such as example.com/cleanup`;
  if (!value.includes('/') && !STANDARD_FINALIZERS.has(value))
    return `"${value}" is neither a standard finalizer name nor fully qualified; write it with a domain prefix, such as example.com/${value}`;
  return undefined;
}

/** path.IsValidPathSegmentName: a name that is one segment of a URL path. */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be "${value}"`;
  for (const bad of ['/', '%']) if (value.includes(bad)) return `"${value}" may not contain '${bad}'`;
  return undefined;
}

const DOMAIN_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** validation.IsDomainPrefixedPath: `example.com/path`, as an IngressClass controller. */
export function domainPrefixedPathProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return `"${value}" must be a domain-prefixed path, such as example.com/ingress-controller`;
  const domain = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const domainProblem = dns1123SubdomainProblem(domain);
  if (domainProblem !== undefined) return `"${value}" has the domain "${domain}", which ${domainProblem}`;
  if (!DOMAIN_PATH.test(rest)) return `"${value}" has a path part with characters a URL path cannot hold; write it like example.com/ingress-controller`;
  return undefined;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
