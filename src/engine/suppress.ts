import type { Diagnostic } from '../api/types.js';
import type { Resource } from '../model/types.js';
import { splitDirective } from '../source/directives.js';
import type { Directive, SourceFile } from '../source/types.js';

export const IGNORE_ANNOTATION = 'k8s-svc-lint.io/ignore';

/** A resource's `k8s-svc-lint.io/ignore` annotation: `"rule-a,rule-b -- why"`, or `"*"` for all. */
export interface IgnoreAnnotation {
  readonly ruleIds: ReadonlySet<string>;
  /** The text after ` -- `; without one, the annotation's value, so the report still says what suppressed it. */
  readonly justification: string;
}

/** The rule ids and justification of a resource's `k8s-svc-lint.io/ignore` annotation. */
export function ignoredByAnnotation(resource: Resource): IgnoreAnnotation {
  const metadata = resource.object['metadata'];
  const annotations = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)['annotations'] : undefined;
  const value = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)[IGNORE_ANNOTATION] : undefined;
  if (typeof value !== 'string') return NONE;
  const { ruleIds, justification } = splitDirective(value);
  return { ruleIds: new Set(ruleIds), justification: justification || value.trim() };
}

const NONE: IgnoreAnnotation = { ruleIds: new Set(), justification: '' };

export function annotationCovers(ignored: IgnoreAnnotation, ruleId: string): boolean {
  return ignored.ruleIds.has(ruleId) || ignored.ruleIds.has('*') || ignored.ruleIds.has('all');
}

/** The first comment directive of the file that covers this finding's line and rule. */
export function coveringDirective(file: SourceFile, diagnostic: Pick<Diagnostic, 'line' | 'ruleId'>): Directive | undefined {
  return file.directives.find((d) => diagnostic.line >= d.fromLine && diagnostic.line <= d.toLine && (d.ruleIds.length === 0 || d.ruleIds.includes(diagnostic.ruleId)));
}

/** A directive that suppressed nothing, or a rule id in it that suppressed nothing. */
export interface UnusedDirective {
  readonly filePath: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The directives (and the rule ids in them) that suppressed no finding, worded as ESLint's
 * `--report-unused-disable-directives`. `diagnostics` are all findings, before any cap.
 */
export function unusedDirectives(files: readonly SourceFile[], diagnostics: readonly Diagnostic[]): UnusedDirective[] {
  const byPath = new Map(files.filter((f) => f.directives.length > 0).map((f) => [f.path, f]));
  if (byPath.size === 0) return [];
  const used = new Map<Directive, Set<string>>();
  for (const d of diagnostics) {
    if (d.suppressedBy !== 'directive') continue;
    const file = byPath.get(d.filePath);
    const directive = file && coveringDirective(file, d);
    if (!directive) continue;
    const ids = used.get(directive) ?? new Set<string>();
    used.set(directive, ids.add(d.ruleId));
  }
  const unused: UnusedDirective[] = [];
  for (const file of byPath.values()) {
    for (const directive of file.directives) {
      const ids = used.get(directive);
      const at = { filePath: file.path, line: directive.line, column: directive.column, endLine: directive.line, endColumn: directive.endColumn };
      if (directive.ruleIds.length === 0) {
        if (!ids) unused.push({ ...at, message: 'Unused k8s-svc-lint-disable directive (no problems were reported).' });
        continue;
      }
      for (const id of directive.ruleIds) {
        if (!ids?.has(id)) unused.push({ ...at, message: `Unused k8s-svc-lint-disable directive (no problems were reported from '${id}').` });
      }
    }
  }
  return unused;
}
