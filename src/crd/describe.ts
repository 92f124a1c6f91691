/** Values and types in words, for CRD validation messages. */
const ARTICLE: Readonly<Record<string, string>> = {
  integer: 'an integer',
  string: 'a string',
  object: 'an object (a mapping)',
  array: 'a list',
  boolean: 'a boolean',
  number: 'a number',
};

export function describeExpected(types: readonly string[]): string {
  return types.length === 0 ? 'a value' : types.map((t) => ARTICLE[t] ?? t).join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A value short enough for a message: long strings and structures are cut. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}'; // nested too deep to print
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
