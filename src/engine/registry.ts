import type { AnyRule, RuleMeta } from '../api/types.js';
import { rules } from '../../rules/index.js';
import { SOURCE_RULES } from './source-rules.js';

export const RULES: readonly AnyRule[] = rules;

/** The metadata of every rule, source findings first, then the rules in registry order. */
export function allRuleMetas(): readonly RuleMeta[] {
  return [...Object.values(SOURCE_RULES), ...RULES.map((rule) => rule.meta)];
}

/** The documentation page of a rule (docs/rules/<id>.md in the repository). */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/k8s-svc-lint/k8s-svc-lint/blob/main/docs/rules/${ruleId}.md`;
}
