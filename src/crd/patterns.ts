/**
 * `pattern` as the API server reads it: Go's regexp (RE2 syntax), not JavaScript's. RE2 refuses
 * lookaround and backreferences and accepts inline flags such as `(?i)`; re2js (the RE2 port the CEL
 * engine uses too) has exactly these semantics. Compiled once per pattern text.
 */
import { RE2JS } from 're2js';

export interface CompiledPattern {
  test(value: string): boolean;
}

const compiled = new Map<string, { readonly regexp: CompiledPattern } | { readonly error: string }>();

export function compilePattern(pattern: string): { readonly regexp: CompiledPattern } | { readonly error: string } {
  let entry = compiled.get(pattern);
  if (entry === undefined) {
    try {
      const re = RE2JS.compile(pattern);
      entry = { regexp: { test: (value) => re.matcher(value).find() } };
    } catch (error) {
      entry = { error: String((error as Error)?.message ?? error) };
    }
    compiled.set(pattern, entry);
  }
  return entry;
}
