import type { Document, LineCounter } from 'yaml';
import { insideAny, stringRangesContaining } from './string-ranges.js';
import type { Directive } from './types.js';

const DIRECTIVE = /#\s*k8s-svc-lint-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

/**
 * Comment directives, ESLint style:
 * `# k8s-svc-lint-disable-next-line rule-a, rule-b -- why`, `# k8s-svc-lint-disable-line rule-a`
 * (at the end of the line it covers) and `# k8s-svc-lint-disable rule-a` (to the end of its document).
 * Without rule ids a directive covers every rule.
 */
export function parseDirectives(text: string, lineCounter: LineCounter, docs: readonly Document.Parsed[]): Directive[] {
  if (!text.includes('k8s-svc-lint-disable')) return [];
  const directives: Directive[] = [];
  const strings = stringRangesContaining(docs, 'k8s-svc-lint-disable');
  DIRECTIVE.lastIndex = 0;
  for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
    if (!startsComment(text, match.index)) continue;
    const offset = match.index;
    if (insideAny(offset, strings)) continue; // data, e.g. a script in a block scalar
    const kind = match[1] as Directive['kind'];
    const ruleIds = (match[2] ?? '')
      .split(/\s--\s|\s--$/)[0]!
      .split(/[\s,]+/)
      .filter((id) => id.length > 0);
    const line = lineCounter.linePos(match.index).line;
    const toLine =
      kind === 'disable-next-line' ? line + 1 : kind === 'disable-line' ? line : endLineOfDocument(match.index, lineCounter, docs);
    directives.push({ kind, ruleIds, fromLine: kind === 'disable-next-line' ? line + 1 : line, toLine });
  }
  return directives;
}

/** `#` starts a comment at the start of a line or after whitespace (not inside `a#b`). */
function startsComment(text: string, offset: number): boolean {
  return offset === 0 || /\s/.test(text[offset - 1]!);
}

function endLineOfDocument(offset: number, lineCounter: LineCounter, docs: readonly Document.Parsed[]): number {
  const doc = docs.find((d) => d.range[2] >= offset);
  return doc ? lineCounter.linePos(Math.max(doc.range[2] - 1, offset)).line : Number.MAX_SAFE_INTEGER;
}
