import type { Diagnostic } from '../api/types.js';
import type { Resource } from '../model/types.js';
import type { SourceFile } from '../source/types.js';

export const IGNORE_ANNOTATION = 'k8s-svc-lint.io/ignore';

/** Rule ids listed in a resource's `k8s-svc-lint.io/ignore` annotation (`"rule-a,rule-b"`, or `"*"` for all). */
export function ignoredByAnnotation(resource: Resource): ReadonlySet<string> {
  const metadata = resource.object['metadata'];
  const annotations = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)['annotations'] : undefined;
  const value = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)[IGNORE_ANNOTATION] : undefined;
  if (typeof value !== 'string') return EMPTY;
  return new Set(value.split(/[\s,]+/).filter((id) => id.length > 0));
}

const EMPTY: ReadonlySet<string> = new Set();

export function annotationCovers(ignored: ReadonlySet<string>, ruleId: string): boolean {
  return ignored.has(ruleId) || ignored.has('*') || ignored.has('all');
}

/** Whether a comment directive of the file covers this finding's line and rule. */
export function directiveCovers(file: SourceFile, diagnostic: Pick<Diagnostic, 'line' | 'ruleId'>): boolean {
  return file.directives.some(
    (d) =>
      diagnostic.line >= d.fromLine &&
      diagnostic.line <= d.toLine &&
      (d.ruleIds.length === 0 || d.ruleIds.includes(diagnostic.ruleId)),
  );
}
