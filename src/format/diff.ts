import { displayPath } from '../util/paths.js';
import { terminalText } from './sanitize.js';

/** Lines of context around each change, as `diff -u`. */
const CONTEXT = 2;
/** Above this many cells the changed middle is shown as removed-then-added instead of aligned line by line. */
const MAX_ALIGN_CELLS = 4_000_000;

type Op = readonly [kind: ' ' | '-' | '+', line: string];

/**
 * A unified diff (`--- a`/`+++ b`, `@@ -l,n +l,n @@` hunks) of what `--fix-dry-run` would change in
 * one file, every line made terminal-safe; coloured when `color` is set.
 */
export function unifiedDiff(path: string, before: string, after: string, color: boolean): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[39m` : text);
  const out = [`--- ${terminalText(path)}`, `+++ ${terminalText(path)} (fixed)`];
  for (const hunk of hunks(ops)) {
    out.push(paint(36, `@@ -${hunk.aStart},${hunk.aCount} +${hunk.bStart},${hunk.bCount} @@`));
    for (const [kind, line] of hunk.ops) {
      const text = `${kind}${terminalText(line)}`;
      out.push(kind === '-' ? paint(31, text) : kind === '+' ? paint(32, text) : text);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The diffs of every result `--fix-dry-run` changed, for the stylish report. */
export function fixDiffs(results: readonly { filePath: string; output?: string }[], originals: ReadonlyMap<string, string>, cwd: string, color: boolean): string {
  const parts: string[] = [];
  for (const result of results) {
    const before = originals.get(result.filePath);
    if (result.output === undefined || before === undefined) continue;
    parts.push(unifiedDiff(displayPath(cwd, result.filePath), before.replace(/^\uFEFF/, ''), result.output.replace(/^\uFEFF/, ''), color));
  }
  return parts.length === 0 ? '' : `\n${parts.join('\n')}`;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Common prefix and suffix, then a longest-common-subsequence alignment of the middle. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => [' ', line] as const);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_ALIGN_CELLS) {
    ops.push(...midA.map((line) => ['-', line] as const), ...midB.map((line) => ['+', line] as const));
  } else {
    ops.push(...align(midA, midB));
  }
  ops.push(...a.slice(endA).map((line) => [' ', line] as const));
  return ops;
}

function align(a: readonly string[], b: readonly string[]): Op[] {
  const width = b.length + 1;
  // lcs[i * width + j]: length of the LCS of a[i..] and b[j..].
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([' ', a[i++]!]);
      j++;
    } else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  return ops;
}

interface Hunk {
  readonly aStart: number;
  readonly aCount: number;
  readonly bStart: number;
  readonly bCount: number;
  readonly ops: Op[];
}

function hunks(ops: readonly Op[]): Hunk[] {
  const changed = ops.flatMap((op, i) => (op[0] === ' ' ? [] : [i]));
  // The line number in each text at which op i stands.
  const aLines = [1];
  const bLines = [1];
  for (const [kind] of ops) {
    aLines.push(aLines.at(-1)! + (kind === '+' ? 0 : 1));
    bLines.push(bLines.at(-1)! + (kind === '-' ? 0 : 1));
  }
  const result: Hunk[] = [];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k]! - CONTEXT);
    let to = Math.min(ops.length, changed[k]! + CONTEXT + 1);
    while (k + 1 < changed.length && changed[k + 1]! - CONTEXT <= to) to = Math.min(ops.length, changed[++k]! + CONTEXT + 1);
    k++;
    const aLine = aLines[from]!;
    const bLine = bLines[from]!;
    const slice = ops.slice(from, to);
    const aCount = slice.filter(([kind]) => kind !== '+').length;
    const bCount = slice.filter(([kind]) => kind !== '-').length;
    result.push({ aStart: aCount === 0 ? aLine - 1 : aLine, aCount, bStart: bCount === 0 ? bLine - 1 : bLine, bCount, ops: slice });
  }
  return result;
}
