import { isCollection, isPair, isScalar, visit, type Document, type LineCounter } from 'yaml';
import { insideAny, stringRangesContaining } from './string-ranges.js';
import type { Directive } from './types.js';

const DIRECTIVE = /#\s*k8s-svc-lint-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

/**
 * Comment directives, ESLint style:
 * `# k8s-svc-lint-disable-next-line rule-a, rule-b -- why`, `# k8s-svc-lint-disable-line rule-a`
 * (at the end of the line it covers) and `# k8s-svc-lint-disable rule-a` (to the end of its document).
 * Without rule ids a directive covers every rule. The text after ` -- ` is the justification.
 * `disable-next-line` above a mapping key whose value is a block mapping or sequence covers that
 * whole value (above `selector:`, its labels).
 */
export function parseDirectives(text: string, lineCounter: LineCounter, docs: readonly Document.Parsed[]): Directive[] {
  if (!text.includes('k8s-svc-lint-disable')) return [];
  const directives: Directive[] = [];
  const strings = stringRangesContaining(docs, 'k8s-svc-lint-disable');
  let blockEnds: ReadonlyMap<number, number> | undefined;
  DIRECTIVE.lastIndex = 0;
  for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
    if (!startsComment(text, match.index)) continue;
    const offset = match.index;
    if (insideAny(offset, strings)) continue; // data, e.g. a script in a block scalar
    const kind = match[1] as Directive['kind'];
    const { ruleIds, justification } = splitDirective(match[2] ?? '');
    const start = lineCounter.linePos(offset);
    const line = start.line;
    let fromLine = line;
    let toLine = line;
    if (kind === 'disable-next-line') {
      blockEnds ??= blockValueEnds(lineCounter, docs);
      fromLine = line + 1;
      toLine = blockEnds.get(line + 1) ?? line + 1;
    } else if (kind === 'disable') {
      toLine = endLineOfDocument(offset, lineCounter, docs);
    }
    directives.push({
      kind,
      ruleIds,
      justification,
      fromLine,
      toLine,
      line,
      column: start.col,
      endColumn: start.col + match[0].trimEnd().length,
    });
  }
  return directives;
}

/** `rule-a, rule-b -- why` → the ids and the justification (ESLint's description). */
export function splitDirective(text: string): { ruleIds: string[]; justification: string } {
  const separator = /(?:^|\s)--(?:\s|$)/.exec(text);
  const ids = separator ? text.slice(0, separator.index) : text;
  const justification = separator ? text.slice(separator.index + separator[0].length).trim() : '';
  return { ruleIds: ids.split(/[\s,]+/).filter((id) => id.length > 0), justification };
}

/** `#` starts a comment at the start of a line or after whitespace (not inside `a#b`). */
function startsComment(text: string, offset: number): boolean {
  return offset === 0 || /\s/.test(text[offset - 1]!);
}

function endLineOfDocument(offset: number, lineCounter: LineCounter, docs: readonly Document.Parsed[]): number {
  const doc = docs.find((d) => d.range[2] >= offset);
  return doc ? lineCounter.linePos(Math.max(doc.range[2] - 1, offset)).line : Number.MAX_SAFE_INTEGER;
}

/** For each line holding a mapping key whose value is a collection: the last line of that value. */
function blockValueEnds(lineCounter: LineCounter, docs: readonly Document.Parsed[]): Map<number, number> {
  const ends = new Map<number, number>();
  for (const doc of docs) {
    visit(doc, {
      Pair(_key, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range || !isCollection(pair.value) || !pair.value.range) return;
        const keyLine = lineCounter.linePos(pair.key.range[0]).line;
        const valueEnd = lineCounter.linePos(Math.max(pair.value.range[1] - 1, pair.value.range[0])).line;
        if (valueEnd > (ends.get(keyLine) ?? keyLine)) ends.set(keyLine, valueEnd);
      },
    });
  }
  return ends;
}
