import { defineRule } from '../src/api/types.js';
import { describeExpected, describeValue, quote } from '../src/crd/describe.js';
import { judgeCustomResource, lookupCrd } from '../src/crd/resources.js';
import { formatFieldPath } from '../src/k8s/paths.js';
import { closestMatch } from '../src/util/suggest.js';

export default defineRule({
  meta: {
    id: 'crd-schema',
    description:
      'A custom resource (Gateway API kinds with the bundled CRDs, any kind whose CRD is in the input or in config `crds:`) must fit its CRD schema after defaulting: types, enums, patterns, formats, lengths, limits, required fields, unique list items, no unknown fields.',
    remediation: 'Change the field as the message says, or remove a field the CRD does not declare.',
    category: 'schema',
    defaultSeverity: 'error',
    messages: {
      type: '{{field}} must be {{expected}}, but it is {{actual}}',
      enum: '{{field}} is {{value}}; it must be one of {{allowed}}',
      enumSuggest: '{{field}} is {{value}}; did you mean {{suggestion}}? It must be one of {{allowed}}',
      required: '{{field}} is required by {{origin}}',
      unknownField:
        '{{field}} is not a field of {{kind}} {{apiVersion}} ({{origin}}); the API server rejects unknown fields{{#suggestion}}; did you mean {{suggestion}}?{{/suggestion}}{{#bundled}} (if the cluster runs another release or channel, list its CRDs under crds: in the config){{/bundled}}',
      pattern: '{{field}} is {{value}}, which does not match the pattern {{pattern}} required by {{origin}}',
      format: '{{field}} is {{value}}, which is not a valid {{format}}',
      duplicate: '{{field}} repeats {{value}}: the items of {{list}} must be unique{{#keys}} by {{keys}}{{/keys}}',
      invalid: '{{field}} {{message}}',
      unserved: '{{origin}} does not serve {{kind}} in {{apiVersion}} (served: {{served}}), so the API server has no such resource',
      unservedBundled:
        '{{origin}} does not serve {{kind}} in {{apiVersion}} (served: {{served}}): a cluster with this release installed has no such resource. If yours runs an older release, list its CRDs under crds: in the config',
    },
    // The cluster may run an older Gateway API release than the one bundled, which still serves the version.
    warnings: ['unservedBundled'],
    kinds: ['*'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { index, settings, report }) {
    const found = lookupCrd(resource, index, settings);
    if (found.status === 'unserved') {
      const { definition } = found;
      const served = definition.versions.map((v) => `${definition.group}/${v.name}`).join(', ') || 'none';
      const messageId = definition.bundled ? 'unservedBundled' : 'unserved';
      report({ messageId, at: ['apiVersion'], data: { origin: definition.origin, kind: definition.kind, apiVersion: resource.apiVersion, served } });
      return;
    }
    const judged = judgeCustomResource(resource, index, settings);
    if (judged === undefined) return;
    const origin = judged.definition.origin;
    for (const problem of judged.problems) {
      const field = formatFieldPath(problem.path);
      switch (problem.code) {
        case 'type':
          report({ messageId: 'type', at: problem.path, data: { field, expected: describeExpected(problem.expected), actual: describeValue(problem.value) } });
          break;
        case 'enum': {
          const allowed = problem.allowed.map((v) => quote(v));
          const suggestion =
            typeof problem.value === 'string'
              ? closestMatch(
                  problem.value,
                  problem.allowed.filter((v): v is string => typeof v === 'string'),
                )
              : undefined;
          const data = { field, value: quote(problem.value), allowed: allowed.join(', ') };
          if (suggestion !== undefined) report({ messageId: 'enumSuggest', at: problem.path, data: { ...data, suggestion: quote(suggestion) } });
          else report({ messageId: 'enum', at: problem.path, data });
          break;
        }
        case 'required':
          report({ messageId: 'required', at: problem.path, data: { field, origin } });
          break;
        case 'unknownField': {
          const name = String(problem.path.at(-1));
          report({
            messageId: 'unknownField',
            at: problem.path,
            target: 'key',
            data: {
              field,
              kind: judged.definition.kind,
              apiVersion: resource.apiVersion,
              origin,
              suggestion: closestMatch(name, problem.known),
              bundled: judged.definition.bundled,
            },
          });
          break;
        }
        case 'pattern':
          report({ messageId: 'pattern', at: problem.path, data: { field, value: quote(problem.value), pattern: problem.pattern, origin } });
          break;
        case 'format':
          report({ messageId: 'format', at: problem.path, data: { field, value: quote(problem.value), format: problem.format } });
          break;
        case 'duplicate': {
          const list = formatFieldPath(problem.path.slice(0, -1));
          // A list-map item is named by its keys: point at the first, as a user reads `- name: http`.
          const at = problem.keys?.length ? [...problem.path, problem.keys[0]!] : problem.path;
          report({ messageId: 'duplicate', at, data: { field, value: quote(problem.value), list, keys: problem.keys?.join(', ') } });
          break;
        }
        case 'invalid':
          report({ messageId: 'invalid', at: problem.path, data: { field, message: problem.message } });
          break;
      }
    }
  },
});
