/** Reading a KubeProxyConfiguration held as text (the `config.conf` key of the kube-proxy ConfigMap). */

/** A top-level setting found in a config text: its value and where the value is (0-based). */
export interface ConfigSetting {
  readonly value: string;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/**
 * The top-level `key: value` of a YAML config text, read line by line:
 * only unindented keys count (`ipvs:` → `scheduler:` is not `mode:`), quotes are removed, a
 * trailing `# comment` is ignored. The last occurrence wins, as when YAML is decoded. Undefined when
 * the key is absent; a key with no value gives `''`. `length` covers the value as written (quotes
 * included), so a report can underline it.
 */
export function topLevelSetting(text: string, key: string): ConfigSetting | undefined {
  const lines = text.split(/\r?\n/);
  const pattern = new RegExp(`^(["']?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1[ \\t]*:(?=[ \\t]|$)`);
  let found: ConfigSetting | undefined;
  lines.forEach((line, index) => {
    const match = pattern.exec(line);
    if (!match) return;
    let column = match[0].length;
    while (column < line.length && (line[column] === ' ' || line[column] === '\t')) column++;
    const rest = line.slice(column);
    let raw: string;
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const close = rest.indexOf(quote, 1);
      raw = close < 0 ? rest : rest.slice(0, close + 1);
      value = close < 0 ? rest.slice(1) : rest.slice(1, close);
    } else {
      raw = trimBlanksEnd(rest.slice(0, commentStart(rest)));
      value = raw;
    }
    found = { value, line: index, column, length: raw.length };
  });
  return found;
}

/** Where a `# comment` starts (`#` first or after a blank), else the length: one pass, no backtracking. */
function commentStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return i;
  }
  return text.length;
}

function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(0, end);
}
