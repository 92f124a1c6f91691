import { LineCounter, parseDocument } from 'yaml';

export interface YamlValue {
  readonly value: unknown;
  /** The first syntax error, with its 1-based position. */
  readonly error?: { readonly message: string; readonly line: number; readonly column: number };
}

/** Parses a small YAML file (configuration) to a plain value. */
export function parseYamlValue(text: string): YamlValue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { value: undefined, error: { message: error.message.split('\n')[0]!, line, column: col } };
  }
  return { value: doc.toJS({ maxAliasCount: 100 }) };
}
