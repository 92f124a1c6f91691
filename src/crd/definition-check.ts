/**
 * What the API server refuses in a CRD itself (apiextensions `validation.ValidateCustomResourceDefinition`,
 * the parts that matter to its custom resources): a served version without a schema, a `pattern`
 * that is not RE2, a `default` that does not fit its schema, a CEL rule that does not compile. Each
 * problem points into the CRD; a CEL error points inside the expression string.
 */
import type { FieldPath } from '../api/types.js';
import { formatFieldPath } from '../k8s/paths.js';
import { quote } from './describe.js';
import { readDefinition } from './definitions.js';
import { compilePattern } from './patterns.js';
import type { SchemaNode } from './schema.js';
import { validateValue, type StructuralProblem } from './structural.js';
import { ruleCompileErrors } from './validations.js';
import { schemaNodes } from './walk.js';

export interface DefinitionProblem {
  readonly messageId: 'schemaMissing' | 'pattern' | 'defaultInvalid' | 'celInvalid';
  readonly at: FieldPath;
  readonly data: Readonly<Record<string, string>>;
  /** A place inside the string at `at` (0-based line and column of the decoded string). */
  readonly inValue?: { readonly line: number; readonly column: number; readonly length: number };
}

export function definitionProblems(crd: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const definition = readDefinition(crd, '');
  if (definition === undefined) return problems;
  for (const version of definition.versions) {
    if (version.schema === undefined) {
      problems.push({ messageId: 'schemaMissing', at: version.schemaPath.slice(0, 3), data: { version: version.name } });
      continue;
    }
    for (const { node, path } of schemaNodes(version.schema)) {
      const at = [...version.schemaPath, ...path];
      if (typeof node.pattern === 'string') {
        const compiled = compilePattern(node.pattern);
        if ('error' in compiled) problems.push({ messageId: 'pattern', at: [...at, 'pattern'], data: { pattern: quote(node.pattern), error: compiled.error } });
      }
      if (node.default !== undefined && !insideMetadata(path)) {
        const problem = validateValue(node.default, withoutDefault(node))[0];
        if (problem) problems.push({ messageId: 'defaultInvalid', at: [...at, 'default'], data: { value: quote(node.default), problem: describe(problem) } });
      }
      for (const error of ruleCompileErrors(node)) {
        problems.push({
          messageId: 'celInvalid',
          at: [...at, ...error.at],
          data: { field: formatFieldPath(error.at), error: error.message },
          ...(error.inValue ? { inValue: error.inValue } : {}),
        });
      }
    }
  }
  return problems;
}

function insideMetadata(path: FieldPath): boolean {
  return path[0] === 'properties' && path[1] === 'metadata';
}

function withoutDefault(node: SchemaNode): SchemaNode {
  const { default: _, ...rest } = node;
  return rest;
}

function describe(problem: StructuralProblem): string {
  const where = problem.path.length ? `${formatFieldPath(problem.path)} ` : '';
  switch (problem.code) {
    case 'type':
      return `${where}must be of type ${problem.expected.join(' or ')}`;
    case 'enum':
      return `${where}must be one of ${problem.allowed.map((v) => quote(v)).join(', ')}`;
    case 'required':
      return `${where}is required`;
    case 'unknownField':
      return `${where}is not in the schema`;
    case 'pattern':
      return `${where}must match ${problem.pattern}`;
    case 'format':
      return `${where}must be a valid ${problem.format}`;
    case 'duplicate':
      return `${where}is a duplicate`;
    case 'invalid':
      return `${where}${problem.message}`;
  }
}
