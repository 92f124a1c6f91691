/**
 * `pattern` as the API server reads it: Go's regexp (RE2 syntax), not JavaScript's. RE2 refuses
 * lookaround and backreferences and accepts inline flags such as `(?i)`; re2-wasm has exactly these
 * semantics. Compiled once per pattern text.
 */
import { createRequire } from 'node:module';

interface Re2 {
  test(value: string): boolean;
}
type Re2Constructor = new (pattern: string, flags: string) => Re2;

const compiled = new Map<string, { readonly regexp: Re2 } | { readonly error: string }>();
let RE2: Re2Constructor | undefined;

export function compilePattern(pattern: string): { readonly regexp: Re2 } | { readonly error: string } {
  let entry = compiled.get(pattern);
  if (entry === undefined) {
    RE2 ??= (createRequire(import.meta.url)('re2-wasm') as { RE2: Re2Constructor }).RE2;
    try {
      entry = { regexp: new RE2(pattern, 'u') };
    } catch (error) {
      entry = { error: String((error as Error).message ?? error).replace(/^Invalid regular expression: \/.*\/u: /s, '') };
    }
    compiled.set(pattern, entry);
  }
  return entry;
}
