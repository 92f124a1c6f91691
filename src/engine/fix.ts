/**
 * `--fix`: lints, applies the fixes of the findings, and lints again, in passes (as ESLint does) until
 * nothing is left to fix or MAX_PASSES is reached. A pass applies, per file, every fix that does not
 * touch the text or the fields another fix of that pass touches; the others wait for the next pass,
 * where they are reported (and planned) again against the new text. The source stage
 * (`source/apply-fixes.ts`) turns each fix into text edits and checks the result.
 *
 * Files are only changed in memory here: the results carry the fixed text as `output` (ESLint's
 * `LintResult.output`), and the caller writes it (`--fix`) or only shows it (`--fix-dry-run`).
 */
import type { Diagnostic, FieldPath } from '../api/types.js';
import { applyPlannedFixes, planFix, type PlannedFix, type TextEdit } from '../source/apply-fixes.js';
import type { SourceFile } from '../source/types.js';
import type { LintResult } from './results.js';

/** ESLint's limit: fixes that keep producing fixes stop here. */
export const MAX_PASSES = 10;

/** Which findings to fix: all, or those a predicate accepts (e.g. errors only, with `--quiet`). */
export type FixFilter = boolean | ((problem: Diagnostic) => boolean);

export interface Linted {
  readonly results: LintResult[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Lints `files`, fixing what can be fixed. The output is the last lint's, for the fixed text; each
 * result whose file changed has `output`, the file's new text (with its byte order mark, if any).
 * Files with a fatal problem (a YAML syntax error) are never changed.
 */
export async function lintWithFixes<T extends Linted>(files: readonly SourceFile[], lintOnce: (files: readonly SourceFile[]) => Promise<T>, filter: FixFilter = true): Promise<T> {
  const accept = typeof filter === 'function' ? filter : () => filter;
  const original = new Set(files);
  let current = [...files];
  let output = await lintOnce(current);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Only files reported on (not context files read for references) are fixed.
    const reported = new Set(output.results.map((r) => r.filePath));
    const fixesByFile = new Map<string, Diagnostic[]>();
    for (const d of output.diagnostics) {
      if (d.fix === undefined || d.suppressedBy !== undefined || !reported.has(d.filePath) || !accept(d)) continue;
      const list = fixesByFile.get(d.filePath);
      if (list) list.push(d);
      else fixesByFile.set(d.filePath, [d]);
    }
    let changed = false;
    current = current.map((file) => {
      const found = fixesByFile.get(file.path);
      if (!found || file.problems.some((p) => p.fatal)) return file;
      const fixed = fixFile(file, found);
      if (!fixed) return file;
      changed = true;
      return fixed;
    });
    if (!changed) break;
    output = await lintOnce(current);
  }
  const outputs = new Map<string, string>();
  for (const file of current) if (!original.has(file)) outputs.set(file.path, (file.bom ? '\uFEFF' : '') + file.text);
  if (outputs.size === 0) return output;
  return { ...output, results: output.results.map((r) => (outputs.has(r.filePath) ? { ...r, output: outputs.get(r.filePath)! } : r)) };
}

/**
 * One pass over one file: plans every fix, keeps those that touch neither the text nor the fields of
 * a fix kept before them (in file order), and applies them. When the checked result fails, the fixes
 * are tried one by one and only those that pass alone are applied. Undefined when nothing changed.
 */
function fixFile(file: SourceFile, problems: readonly Diagnostic[]): SourceFile | undefined {
  const planned: PlannedFix[] = [];
  for (const problem of [...problems].sort((a, b) => a.line - b.line || a.column - b.column)) {
    const edits = planFix(file, problem.fix!);
    if (edits && edits.length > 0) planned.push({ fix: problem.fix!, edits });
  }
  const chosen: PlannedFix[] = [];
  const taken = new Taken();
  for (const candidate of planned) {
    if (taken.conflicts(candidate)) continue;
    taken.add(candidate);
    chosen.push(candidate);
  }
  if (chosen.length === 0) return undefined;

  const fixed = applyPlannedFixes(file, chosen);
  if (fixed || chosen.length === 1) return fixed;
  const good = chosen.filter((fix) => applyPlannedFixes(file, [fix]) !== undefined);
  if (good.length === 0) return undefined;
  return applyPlannedFixes(file, good) ?? applyPlannedFixes(file, [good[0]!]);
}

/**
 * What the fixes chosen in a pass touch: their text ranges and their fields. A candidate conflicts when
 * one of its edits overlaps a chosen one, or one of its paths equals, contains or lies inside a chosen
 * one (a rename touches its new name too). Indexed, so a pass over thousands of fixes stays linear.
 */
class Taken {
  /** Edits with a non-empty range, disjoint, sorted by start. */
  private readonly ranges: TextEdit[] = [];
  /** Insertion offsets, sorted. */
  private readonly points: number[] = [];
  /** Every chosen path, and every prefix of one, as `document\0key\0key...`. */
  private readonly paths = new Set<string>();
  private readonly prefixes = new Set<string>();

  conflicts(fix: PlannedFix): boolean {
    for (const edit of fix.edits) {
      if (edit.start === edit.end) {
        if (this.covering(edit.start)) return true;
      } else {
        if (this.rangeAt(edit.start, edit.end)) return true;
        const point = this.points[firstAbove(this.points, edit.start)];
        if (point !== undefined && point < edit.end) return true;
      }
    }
    for (const key of pathKeys(fix)) {
      if (this.prefixes.has(key)) return true; // a chosen path lies inside (or is) this one
      for (let i = key.indexOf('\u0000'); i >= 0; i = key.indexOf('\u0000', i + 1)) if (this.paths.has(key.slice(0, i))) return true;
      if (this.paths.has(key)) return true;
    }
    return false;
  }

  add(fix: PlannedFix): void {
    for (const edit of fix.edits) {
      if (edit.start === edit.end) this.points.splice(firstAbove(this.points, edit.start), 0, edit.start);
      else this.ranges.splice(this.firstEndingAfter(edit.start), 0, edit);
    }
    for (const key of pathKeys(fix)) {
      this.paths.add(key);
      for (let i = key.indexOf('\u0000'); i >= 0; i = key.indexOf('\u0000', i + 1)) this.prefixes.add(key.slice(0, i));
      this.prefixes.add(key);
    }
  }

  /** A chosen range strictly around `offset`. */
  private covering(offset: number): boolean {
    const range = this.ranges[this.firstEndingAfter(offset)];
    return range !== undefined && range.start < offset;
  }

  /** A chosen range that starts inside [start, end). */
  private rangeAt(start: number, end: number): boolean {
    const range = this.ranges[this.firstEndingAfter(start)];
    return range !== undefined && range.start < end && range.end > start;
  }

  /** Index of the first chosen range whose end lies after `offset` (ranges are disjoint, so ends are sorted too). */
  private firstEndingAfter(offset: number): number {
    let low = 0;
    let high = this.ranges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ranges[middle]!.end <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Index of the first number above `value` in a sorted array. */
function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function pathKeys(fix: PlannedFix): string[] {
  const key = (path: FieldPath): string => [fix.fix.document, ...path].join('\u0000');
  return fix.fix.operations.flatMap((op) => (op.op === 'rename' ? [key(op.at), key([...op.at.slice(0, -1), op.to])] : [key(op.at)]));
}
