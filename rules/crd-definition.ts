import { defineRule } from '../src/api/types.js';
import { definitionProblems } from '../src/crd/definition-check.js';

export default defineRule({
  meta: {
    id: 'crd-definition',
    description:
      'A CustomResourceDefinition must compile as the API server compiles it: every served version has a schema, each `pattern` is a valid RE2 regular expression, each `default` fits its schema, and each `x-kubernetes-validations` rule and messageExpression is valid CEL.',
    remediation: 'Fix the expression, pattern or default at the position shown; the API server refuses the whole CRD until then.',
    category: 'schema',
    defaultSeverity: 'error',
    messages: {
      schemaMissing: 'version {{version}} is served but has no schema.openAPIV3Schema; apiextensions.k8s.io/v1 requires one',
      pattern: 'pattern {{pattern}} is not a valid RE2 regular expression (the API server uses Go regexp): {{error}}',
      defaultInvalid: 'default {{value}} does not fit its own schema: {{problem}}',
      celInvalid: '{{field}} does not compile as CEL: {{error}}',
    },
    kinds: ['CustomResourceDefinition'],
    schema: null,
    defaultOptions: {},
  },
  check(crd, { report }) {
    for (const problem of definitionProblems(crd.object)) {
      const { messageId, at, data, inValue } = problem;
      report({ messageId, at, data, ...(inValue ? { inValue } : {}) });
    }
  },
});
