/** A value put into a message is at most this long: a list is cut to its first items and a count. */
export const MAX_VALUE_LENGTH = 300;

/** Fills `{{ name }}` placeholders from data; unknown placeholders are left as they are. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? boundValue(String(data[name])) : whole,
  );
}

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
