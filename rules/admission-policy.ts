import { defineRule, type Settings } from '../src/api/types.js';
import { checkObject, type PolicySet } from '../src/policy/checker.js';
import { configPolicySet, inputPolicySet } from '../src/policy/input.js';
import { bindingProblems, policyProblems } from '../src/policy/problems.js';
import { BINDING_KIND, POLICY_KIND } from '../src/policy/read.js';
import { lookupView } from '../src/api/views.js';

export default defineRule({
  meta: {
    id: 'admission-policy',
    description:
      'Runs the ValidatingAdmissionPolicies of the input and of config (`policies:`) on every object they match, as the API server would on create: Deny bindings give errors, Warn bindings warnings.',
    remediation: 'Change the object so that the policy admits it, or fix the policy or binding the finding points at.',
    category: 'policy',
    defaultSeverity: 'error',
    messages: {
      denied: '{{message}}',
      warned: '{{message}}',
      celError: 'Policy {{policy}}: this CEL expression does not compile{{#position}} ({{position}}){{/position}}: {{error}}; the API server rejects the policy',
      matchesNothing:
        'Policy {{policy}} has no matchConstraints.resourceRules, so it matches nothing; the API server rejects it. Name the apiGroups, apiVersions, resources and operations it is for',
      unknownPolicy:
        'Binding {{binding}} names policy {{policy}}, which is not in the input or config, so it checks nothing here. Check the name, or add the policy file to `policies:` in the config',
      noActions: 'Binding {{binding}} has no validationActions; the API server rejects it. Set Deny, Warn or Audit',
    },
    warnings: ['warned', 'unknownPolicy'],
    kinds: ['*'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { audit: { type: 'boolean', description: 'Also report bindings whose only action is Audit (as warnings).' } },
    },
    defaultOptions: { audit: false },
    crossResource: true,
  },
  check(resource, { index, options, settings, report }) {
    const input = inputPolicySet(index);
    const config = index.view(CONFIG_POLICIES)(settings.policy);
    if (resource.kind === POLICY_KIND) {
      const policy = input.policies.get(resource.name);
      if (policy?.resource === resource) for (const problem of policyProblems(policy)) report(problem);
    } else if (resource.kind === BINDING_KIND) {
      const binding = input.bindings.find((b) => b.resource === resource);
      if (binding) for (const problem of bindingProblems(binding, input.policies.has(binding.policyName) || config.policies.has(binding.policyName))) report(problem);
    }
    const namespaces = settings.policy?.namespaces ?? {};
    const run = (set: PolicySet, wording: 'apiServer' | 'named'): void => {
      for (const finding of checkObject(resource, set, index, { audit: options.audit, namespaces, wording })) {
        report({ messageId: finding.severity === 'error' ? 'denied' : 'warned', at: finding.at, data: { message: finding.message } });
      }
    };
    run(input, 'apiServer');
    run(config, 'named');
  },
});

/** The config's policies, read once per run. */
const CONFIG_POLICIES = lookupView(
  'config policies',
  (policy: Settings['policy']) => [policy],
  (_, policy) => configPolicySet(policy),
);
