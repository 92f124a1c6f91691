/**
 * Rewrites of valid Kubernetes CEL that the CEL engine's parser refuses, applied only when a first
 * compile fails. `has(self.matches[0].path)` (a presence test on a field of an indexed value, which
 * the Gateway API HTTPRoute rules use) is refused with "has() invalid argument"; on the JSON objects
 * of a custom resource it means exactly `'path' in self.matches[0]`.
 */
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/y;

/** The expression with `has(<expr with an index>.<field>)` written as `('<field>' in <expr>)`; unchanged when there is none. */
export function rewriteIndexedHas(expression: string): string {
  let out = '';
  let i = 0;
  while (i < expression.length) {
    STRING.lastIndex = i;
    const literal = STRING.exec(expression);
    if (literal) {
      out += literal[0];
      i += literal[0].length;
      continue;
    }
    if (expression.startsWith('has(', i) && !/[\w.]/.test(expression[i - 1] ?? '')) {
      const close = matchingParen(expression, i + 3);
      if (close !== undefined) {
        const inner = expression.slice(i + 4, close).trim();
        const field = /^(.*\])\s*\.\s*([A-Za-z_]\w*)$/s.exec(inner);
        if (field) {
          out += `(${JSON.stringify(field[2])} in ${rewriteIndexedHas(field[1]!)})`;
          i = close + 1;
          continue;
        }
      }
    }
    out += expression[i];
    i++;
  }
  return out;
}

/** The index of the `)` closing the `(` at `open`, skipping string literals; undefined when unbalanced. */
export function matchingParen(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    STRING.lastIndex = i;
    const literal = STRING.exec(text);
    if (literal) {
      i += literal[0].length - 1;
      continue;
    }
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return undefined;
}
