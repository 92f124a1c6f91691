/**
 * Kubernetes' CEL base environment for one release (k8s.io/apiserver/pkg/cel/environment/base.go:
 * baseOptsWithoutStrictCost), built on @marcbachmann/cel-js.
 */
import { Environment } from '@marcbachmann/cel-js';
import { installBudget, type Budget } from './budget.js';
import type { CelLibrary } from './library.js';
import { authzLibrary } from './libraries/authz.js';
import { comprehensionsLibrary } from './libraries/comprehensions.js';
import { coreLibrary } from './libraries/core.js';
import { formatLibrary } from './libraries/format.js';
import { ipLibrary } from './libraries/ip.js';
import { listsLibrary } from './libraries/lists.js';
import { optionalsLibrary } from './libraries/optionals.js';
import { quantityLibrary } from './libraries/quantity.js';
import { RE2_MATCHES, regexLibrary } from './libraries/regex.js';
import { semverLibrary } from './libraries/semver.js';
import { setsLibrary } from './libraries/sets.js';
import { ASCII_CASING, stringsLibrary, stringsV2Library } from './libraries/strings.js';
import { urlLibrary } from './libraries/url.js';

/** Newest Kubernetes minor version whose CEL environment this module knows (1.N → N). */
export const NEWEST_MINOR = 34;
/** Oldest minor version modelled: CEL validation rules went GA in 1.25. */
export const OLDEST_MINOR = 25;

/** The libraries, each added from the release that introduced it in base.go (`since`). */
const LIBRARIES: readonly CelLibrary[] = [
  coreLibrary,
  urlLibrary,
  regexLibrary,
  listsLibrary,
  stringsLibrary,
  authzLibrary,
  optionalsLibrary,
  quantityLibrary,
  stringsV2Library,
  setsLibrary,
  ipLibrary,
  formatLibrary,
  comprehensionsLibrary,
  semverLibrary,
];

/** Built-in functions whose evaluator versions differ from cel-go's, and the names of their replacements. */
export const REPLACED_BUILTINS: Readonly<Record<string, string>> = { matches: RE2_MATCHES, ...ASCII_CASING };

/** Features by release, from base.go. */
export interface Features {
  readonly minor: number;
  /** 1.28: `.?`, `[?]`, `optional.of/none`, `orValue`, `hasValue`. */
  readonly optionalTypes: boolean;
  /** 1.29: regex literals are compiled at compile time (cel.ValidateRegexLiterals). */
  readonly validateRegexLiterals: boolean;
}

/** '1.31' → 31; anything else → undefined. */
export function parseMinor(version: string): number | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

export function featuresFor(minor: number): Features {
  return { minor, optionalTypes: minor >= 28, validateRegexLiterals: minor >= 29 };
}

export interface BuiltEnvironment {
  readonly env: Environment;
  readonly budget: Budget;
  readonly features: Features;
}

export function buildEnvironment(variables: Readonly<Record<string, string>>, features: Features): BuiltEnvironment {
  const env = new Environment({
    enableOptionalTypes: features.optionalTypes,
    homogeneousAggregateLiterals: true,
    unlistedVariablesAreDyn: false,
  });
  for (const library of LIBRARIES) if (features.minor >= library.since) library.register(env);
  for (const [name, type] of Object.entries(variables)) declareVariable(env, name, type);
  const budget = installBudget(env);
  return { env, budget, features };
}

/** Declares a variable; an unknown type declares it `dyn`, and a name CEL reserves is left out (using it is a compile error). */
function declareVariable(env: Environment, name: string, type: string): void {
  try {
    env.registerVariable(name, type);
  } catch {
    try {
      env.registerVariable(name, 'dyn');
    } catch {
      // a reserved word or an invalid identifier
    }
  }
}
