import type { MessageData } from '../api/types.js';

/** A value put into a message is at most this long: a list is cut to its first items and a count. */
export const MAX_VALUE_LENGTH = 300;

/**
 * Optional parts of a message, so that every word of it stays in the rule's `meta.messages` and none
 * is built in code (as ESLint and typescript-eslint keep all text in `meta.messages`):
 * - `{{#name}}…{{/name}}` is kept when the data has `name` (not `undefined` or `false`), and dropped
 *   otherwise: `… fail with 500{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}`;
 * - `{{^name}}…{{/name}}` is the opposite: kept only when `name` is absent, the "otherwise" of a `#`
 *   section.
 * Sections may hold placeholders and sections of other names. The syntax is Mustache's.
 *
 * Why sections rather than a `suggestion` field that the engine appends: the optional part sits where
 * the sentence needs it (mid-sentence, in parentheses, quoted or not, with a note such as "8080 is its
 * targetPort"), one mechanism serves "did you mean" and every other optional clause (defaulted values,
 * either/or advice), message ids stay as they are, and the docs show the whole sentence.
 */
const SECTION = /\{\{([#^])\s*([\w.-]+)\s*\}\}([\s\S]*?)\{\{\/\s*\2\s*\}\}/g;
/** A `{{#name}}…{{/name}}{{^name}}…{{/name}}` pair: kept text and its otherwise. */ const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Whether a `{{#name}}` section is shown for this value. */
function isPresent(value: MessageData[string]): boolean {
  return value !== undefined && value !== false;
}

/**
 * Keeps or drops the `{{#name}}`/`{{^name}}` sections, then fills `{{ name }}` placeholders from data
 * (in one pass, so a value that looks like a placeholder stays as it is); placeholders without a value
 * are left as they are.
 */
export function interpolate(template: string, data: MessageData | undefined): string {
  const kept = keepSections(template, data);
  if (!data) return kept;
  return kept.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
    return value === undefined || typeof value === 'boolean' ? whole : boundValue(String(value));
  });
}

function keepSections(template: string, data: MessageData | undefined): string {
  return template.replace(SECTION, (_whole, mode: string, name: string, inner: string) => (isPresent(data?.[name]) === (mode === '#') ? keepSections(inner, data) : ''));
}

/** The names a template's sections test, each once. */
export function sectionNames(template: string): readonly string[] {
  return [...new Set([...template.matchAll(/\{\{[#^]\s*([\w.-]+)\s*\}\}/g)].map((match) => match[1]!))];
}

/**
 * A template as the documentation shows it: `<name>` for a value, `[text]` for an optional part and
 * `[text | otherwise]` for a `{{#name}}`/`{{^name}}` pair, so no `{{…}}` reaches the reader.
 */
export function outlineTemplate(template: string): string {
  const pairs = template.replace(PAIR, (_whole, _name: string, kept: string, otherwise: string) => `[${outlineTemplate(kept)} | ${outlineTemplate(otherwise)}]`);
  const sections = pairs.replace(SECTION, (_whole, _mode: string, _name: string, inner: string) => `[${outlineTemplate(inner)}]`);
  return sections.replace(PLACEHOLDER, '<$1>');
}

const PAIR = /\{\{#\s*([\w.-]+)\s*\}\}([\s\S]*?)\{\{\/\s*\1\s*\}\}\{\{\^\s*\1\s*\}\}([\s\S]*?)\{\{\/\s*\1\s*\}\}/g;

/**
 * A value as a message shows it: whole when short; a long list (`a, b, c, …`) as its first items and
 * `and 1,498 more`; any other long text cut with `…`. A value from the input (1,500 workloads, a 300 KB
 * annotation) thus cannot make a message, or a report of many, unbounded.
 */
export function boundValue(value: string): string {
  if (value.length <= MAX_VALUE_LENGTH) return value;
  const items = value.split(', ');
  if (items.length > 1) {
    let shown = 0;
    let length = 0;
    while (shown < items.length && length + items[shown]!.length <= MAX_VALUE_LENGTH - 30) length += items[shown++]!.length + 2;
    if (shown > 0) return `${items.slice(0, shown).join(', ')} and ${(items.length - shown).toLocaleString('en-US')} more`;
  }
  return `${value.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}
