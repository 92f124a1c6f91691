/** What is wrong with a policy or binding object itself: CEL that does not compile, a binding that cannot work. */
import type { FieldPath } from '../api/types.js';
import { compile } from './cel.js';
import type { Binding, Policy, PolicyExpression } from './model.js';

export interface PolicyProblem {
  readonly messageId: 'celError' | 'matchesNothing' | 'unknownPolicy' | 'noActions';
  readonly data: Readonly<Record<string, string | undefined>>;
  readonly at: FieldPath;
  /** The place inside the expression string. */
  readonly inValue?: { readonly line: number; readonly column: number; readonly length: number };
}

/** Every expression of the policy that does not compile, and a matchConstraints that can match nothing. */
export function policyProblems(policy: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!policy.matchConstraints || policy.matchConstraints.resourceRules.length === 0) {
    problems.push({ messageId: 'matchesNothing', data: { policy: policy.name }, at: policy.matchConstraints ? ['spec', 'matchConstraints'] : ['spec'] });
  }
  for (const expression of policyExpressions(policy)) {
    const compiled = compile(expression.text);
    if (compiled.ok) continue;
    const offset = compiled.error.offset;
    problems.push({
      messageId: 'celError',
      data: { policy: policy.name, error: compiled.error.message, position: offset === undefined ? undefined : positionText(expression.text, offset) },
      at: expression.at,
      ...(offset !== undefined ? { inValue: { ...lineAndColumn(expression.text, offset), length: 1 } } : {}),
    });
  }
  return problems;
}

export function bindingProblems(binding: Binding, policyExists: boolean): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!policyExists) problems.push({ messageId: 'unknownPolicy', data: { binding: binding.name, policy: binding.policyName }, at: ['spec', 'policyName'] });
  if (binding.validationActions.length === 0) problems.push({ messageId: 'noActions', data: { binding: binding.name }, at: ['spec', 'validationActions'] });
  return problems;
}

export function policyExpressions(policy: Policy): PolicyExpression[] {
  return [
    ...policy.matchConditions.map((c) => c.expression),
    ...policy.variables.map((v) => v.expression),
    ...policy.validations.flatMap((v) => [v.expression, ...(v.messageExpression ? [v.messageExpression] : [])]),
  ];
}

/** 0-based line and column of a character offset in a (possibly multi-line) expression. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1]!.length };
}

function positionText(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return text.includes('\n') ? `line ${line + 1}, column ${column + 1} of the expression` : `column ${column + 1} of the expression`;
}
