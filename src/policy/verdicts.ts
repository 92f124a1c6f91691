/**
 * What a policy concluded about the objects it found nothing wrong with, kept by what decides it: the
 * param and the fields of the object its expressions read. Objects repeat those fields (most Services
 * look alike to `has(object.spec.externalIPs)`), so each case is evaluated once. A violation or an
 * error is not kept: its finding is placed on the whole object, and it is evaluated every time.
 */
import type { Policy } from './model.js';
import { valueKey } from './cel.js';

/** `skip`: a matchCondition excluded the object; `none`: it passed every validation. */
export type Verdict = 'skip' | 'none';

/** By policy number and case key; all forgotten when the keys pass about 4 MB (editor sessions, huge inputs). */
const verdicts = new Map<string, Verdict>();
const MAX_KEY_CHARACTERS = 2_000_000;
let characters = 0;

const policyNumbers = new WeakMap<Policy, number>();
let policies = 0;

function keyOf(policy: Policy, key: string): string {
  let number = policyNumbers.get(policy);
  if (number === undefined) policyNumbers.set(policy, (number = policies++));
  return `${number}\u0000${key}`;
}

export function knownVerdict(policy: Policy, key: string): Verdict | undefined {
  return verdicts.get(keyOf(policy, key));
}

export function rememberVerdict(policy: Policy, key: string, verdict: Verdict): void {
  const full = keyOf(policy, key);
  if (characters + full.length > MAX_KEY_CHARACTERS) {
    verdicts.clear();
    characters = 0;
  }
  verdicts.set(full, verdict);
  characters += full.length;
}

/** The part of a case's key that the param makes; undefined when it cannot be keyed. Kept per param object. */
export function paramKey(param: unknown): string | undefined {
  if (typeof param !== 'object' || param === null) return valueKey(param);
  if (!paramKeys.has(param)) paramKeys.set(param, valueKey(param));
  return paramKeys.get(param);
}

const paramKeys = new WeakMap<object, string | undefined>();
