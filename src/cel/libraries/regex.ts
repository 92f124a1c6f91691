/**
 * Regular expressions with RE2 semantics, as Kubernetes evaluates them (Go's regexp is RE2):
 * `matches` (replacing the evaluator's JavaScript RegExp one) and the regex library's `find`, `findAll`
 * (k8s.io/apiserver/pkg/cel/library/regex.go).
 */
import { RE2JS } from 're2js';
import { celError, toIndex, type CelLibrary } from '../library.js';

const compiled = new Map<string, RE2JS>();
const CACHE_LIMIT = 500;

/** The compiled pattern, or a CEL error carrying RE2's own message. */
function re2(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = compileOrThrow(pattern);
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

function compileOrThrow(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    throw celError(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** RE2's verdict on a pattern: undefined when it compiles, otherwise why not. */
export function regexProblem(pattern: string): string | undefined {
  try {
    re2(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The name the parsed `matches` calls are renamed to, so RE2 evaluates them (see environment.ts). */
export const RE2_MATCHES = 'k8sRe2Matches';

function findAll(s: string, pattern: string, limit: number): string[] {
  const out: string[] = [];
  if (limit === 0) return out;
  const matcher = re2(pattern).matcher(s);
  while (matcher.find()) {
    out.push(matcher.group() ?? '');
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

export const regexLibrary: CelLibrary = {
  name: 'regex',
  since: 0,
  register(env) {
    const matches = (s: string, pattern: string): boolean => re2(pattern).matcher(s).find();
    env.registerFunction(`string.${RE2_MATCHES}(string): bool`, matches);
    env.registerFunction(`${RE2_MATCHES}(string, string): bool`, matches);
    env.registerFunction('string.find(string): string', (s: string, pattern: string) => findAll(s, pattern, 1)[0] ?? '');
    env.registerFunction('string.findAll(string): list<string>', (s: string, pattern: string) => findAll(s, pattern, -1));
    env.registerFunction('string.findAll(string, int): list<string>', (s: string, pattern: string, n: bigint) => findAll(s, pattern, toIndex(n)));
  },
};
