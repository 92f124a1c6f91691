import { defineRule } from '../src/api/types.js';
import { judgeCustomResource } from '../src/crd/resources.js';
import { evaluateRules } from '../src/crd/validations.js';

export default defineRule({
  meta: {
    id: 'crd-validation',
    description:
      "A custom resource must pass its CRD's `x-kubernetes-validations` CEL rules (Gateway API kinds with the bundled CRDs, any kind whose CRD is in the input or in config `crds:`), evaluated after defaulting at the schema node that declares each rule.",
    remediation: 'Change the resource as the rule message says; the field shown is the rule’s fieldPath, or the object the rule is declared on.',
    category: 'schema',
    defaultSeverity: 'error',
    messages: {
      // The rule's `reason` as the API server words the error (field.ErrorType); FieldValueInvalid, the default, adds nothing.
      failed: '{{#forbidden}}Forbidden: {{/forbidden}}{{#required}}Required value: {{/required}}{{#duplicate}}Duplicate value: {{/duplicate}}{{message}}',
      evaluation: 'rule {{rule}} of {{origin}} could not be evaluated: {{error}}',
    },
    kinds: ['*'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { index, settings, report }) {
    const judged = judgeCustomResource(resource, index, settings);
    if (judged === undefined) return;
    // As the API server: a value of the wrong type stops the rules (apiextensions `hasBlockingErr`), its schema error says why.
    if (judged.problems.some((p) => p.code === 'type')) return;
    // One mistake, one finding: a rule failing on a field the schema already refuses, or reading one (an
    // enum the rule repeats), or failing to evaluate above one (a required field missing), says nothing new.
    const refused = judged.problems.map((p) => p.path.join('\u0000'));
    const explained = (at: readonly (string | number)[], below: boolean): boolean => {
      const key = at.join('\u0000');
      return refused.some((path) => path === key || (below && (key === '' || path.startsWith(`${key}\u0000`))));
    };
    for (const outcome of evaluateRules(judged.defaulted, judged.schema, { skipStatus: judged.version.statusSubresource })) {
      if (explained(outcome.at, outcome.kind === 'error')) continue;
      if (outcome.kind === 'failed' && outcome.reads.some((read) => explained(read, true))) continue;
      if (outcome.kind === 'failed') {
        report({
          messageId: 'failed',
          at: outcome.at,
          data: {
            message: outcome.message,
            forbidden: outcome.reason === 'FieldValueForbidden',
            required: outcome.reason === 'FieldValueRequired',
            duplicate: outcome.reason === 'FieldValueDuplicate',
          },
        });
      } else report({ messageId: 'evaluation', at: outcome.at, data: { rule: JSON.stringify(outcome.rule), origin: judged.definition.origin, error: outcome.message } });
    }
  },
});
