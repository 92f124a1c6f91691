import { LineCounter, parseDocument } from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-keys.js';

export interface YamlValue {
  readonly value: unknown;
  /** The first syntax error, with its 1-based position. */
  readonly error?: { readonly message: string; readonly line: number; readonly column: number };
}

/** Parses a small YAML file (configuration) to a plain value. */
export function parseYamlValue(text: string): YamlValue {
  const lineCounter = new LineCounter();
  // Duplicate keys are checked in one pass (the parser's own check is quadratic in the keys of a mapping).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  addDuplicateKeyErrors(doc);
  const error = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { value: undefined, error: { message: error.message.split('\n')[0]!, line, column: col } };
  }
  return { value: doc.toJS({ maxAliasCount: 100 }) };
}
