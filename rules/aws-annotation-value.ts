import { defineRule, type MessageData } from '../src/api/types.js';
import { ALB_PREFIX, awsCatalogue } from '../src/k8s/aws/catalogue.js';
import { nlbHandler, valueReaderOf } from '../src/k8s/aws/nlb.js';
import { checkAnnotationValue, type ValueProblem, type ValueReader } from '../src/k8s/aws/values.js';
import { annotationEntries } from '../src/k8s/metadata.js';

const MESSAGES = {
  enum: '`{{key}}`: {{subject}} is not a value the controller accepts; use one of {{allowed}}',
  enumIgnored: '`{{key}}`: {{subject}} has no effect: the controller acts only on {{allowed}} and silently ignores any other value. Remove it, or write one of those',
  enumSuggest: '`{{key}}`: {{subject}} is not a value the controller accepts; did you mean "{{suggestion}}"? Values are case-sensitive: {{allowed}}',
  boolean:
    '`{{key}}`: {{subject}} is not a boolean to the controller (Go strconv.ParseBool accepts only true/false, 1/0, t/f, TRUE/FALSE, True/False) and it fails with "failed to parse bool annotation". Write "true" or "false"',
  integer:
    '`{{key}}`: {{subject}} is not {{#overflow}}an integer the controller can hold (it overflows){{/overflow}}{{^overflow}}a decimal integer{{/overflow}}; the controller fails to parse it. Write plain digits, without spaces or units',
  range:
    '`{{key}}`: {{subject}} is {{#min}}{{#max}}outside the range {{min}}-{{max}}{{/max}}{{^max}}below the minimum {{min}}{{/max}}{{/min}}{{^min}}above the maximum {{max}}{{/min}}; {{#byAws}}the AWS API{{/byAws}}{{^byAws}}the controller{{/byAws}} rejects it',
  format: '`{{key}}`: {{subject}} {{problem}}',
  stringMap:
    '`{{key}}`: the pair "{{pair}}" {{#noEquals}}has no "="{{/noEquals}}{{^noEquals}}has an empty key{{/noEquals}}, so the controller rejects the whole annotation ("failed to parse stringMap annotation"). Write key=value pairs separated by commas (a comma inside a value is written \\,)',
  mapKeySuggest: '`{{key}}`: "{{mapKey}}" is not a key AWS knows here; did you mean "{{suggestion}}"?',
  mapKeyOnly: '`{{key}}` accepts only the key {{allowed}}, not "{{mapKey}}"; the controller rejects the annotation',
  mapValue:
    '`{{key}}`: the value of {{mapKey}} ({{value}}) {{#allowed}}is not one of {{allowed}}{{#suggestion}} (did you mean {{suggestion}}?){{/suggestion}}{{/allowed}}{{#notBoolean}}is not true or false{{/notBoolean}}{{#notInteger}}is not an integer{{/notInteger}}{{#outOfRange}}is {{#min}}{{#max}}outside the range {{min}}-{{max}}{{/max}}{{^max}}below the minimum {{min}}{{/max}}{{/min}}{{^min}}above the maximum {{max}}{{/min}}{{/outOfRange}}{{#problem}}{{problem}}{{/problem}}; {{#byController}}the controller{{/byController}}{{^byController}}the AWS API{{/byController}} rejects it',
  quoted: '`{{key}}`: the value of {{mapKey}} is wrapped in quotes ({{value}}); the controller keeps the quotes as part of the value. Remove them',
  json: "`{{key}}` is not valid JSON ({{error}}); the controller cannot parse it{{#redirectPort}}. To redirect HTTP to HTTPS, write `alb.ingress.kubernetes.io/ssl-redirect: '{{redirectPort}}'` instead{{/redirectPort}}",
  jsonShape:
    "`{{key}}`: {{where}} {{problem}}; the controller rejects the annotation{{#redirectPort}}. To redirect HTTP to HTTPS, write `alb.ingress.kubernetes.io/ssl-redirect: '{{redirectPort}}'` instead{{/redirectPort}}",
};

/** The rule's message ids, from its messages. */
type MessageId = keyof typeof MESSAGES;

export default defineRule({
  meta: {
    id: 'aws-annotation-value',
    description:
      'AWS load balancer annotation values must parse the way the controller parses them: enums with their exact case, Go booleans, integers in range, lists, key=value maps and JSON of the right shape.',
    remediation: 'Write the value in the form the message gives; the controller otherwise fails to build the load balancer or ignores the setting.',
    category: 'aws',
    defaultSeverity: 'error',
    messages: MESSAGES,
    // Settings the controller silently drops, or passes on with stray quotes, rather than rejects.
    warnings: ['enumIgnored', 'quoted'],
    kinds: ['Service', 'Ingress'],
    schema: null,
    defaultOptions: {},
  },
  check(resource, { report }) {
    const catalogue = awsCatalogue();
    const serviceReader: ValueReader = resource.kind === 'Service' ? valueReaderOf(nlbHandler(resource.object)) : 'lbc';
    for (const { key, value, path } of annotationEntries(resource.object)) {
      if (typeof value !== 'string') continue;
      const entry = catalogue.lookup(key);
      if (!entry || entry.checkedBy !== undefined) continue;
      const reader = key.startsWith(ALB_PREFIX) ? 'lbc' : serviceReader;
      for (const problem of checkAnnotationValue(entry, value, reader)) {
        const { messageId, data } = describe(problem, key, value);
        report({ messageId, at: path, data: { key, ...data } });
      }
    }
  },
});

function describe(problem: ValueProblem, key: string, raw: string): { messageId: MessageId; data: MessageData } {
  switch (problem.code) {
    case 'enum':
      if (problem.ignored) return { messageId: 'enumIgnored', data: { subject: problem.subject, allowed: problem.allowed } };
      return problem.suggestion !== undefined
        ? { messageId: 'enumSuggest', data: { subject: problem.subject, suggestion: problem.suggestion, allowed: problem.allowed } }
        : { messageId: 'enum', data: { subject: problem.subject, allowed: problem.allowed } };
    case 'boolean':
      return { messageId: 'boolean', data: { subject: problem.subject } };
    case 'integer':
      return { messageId: 'integer', data: { subject: problem.subject, overflow: problem.overflow } };
    case 'range':
      return { messageId: 'range', data: { subject: problem.subject, min: problem.min, max: problem.max, byAws: problem.source === 'AWS' } };
    case 'format':
      return { messageId: 'format', data: { subject: problem.subject, problem: problem.problem } };
    case 'stringMap':
      return { messageId: 'stringMap', data: { pair: problem.pair, noEquals: problem.problem === 'noEquals' } };
    case 'mapKey':
      return problem.allowed !== undefined
        ? { messageId: 'mapKeyOnly', data: { mapKey: problem.mapKey, allowed: problem.allowed } }
        : { messageId: 'mapKeySuggest', data: { mapKey: problem.mapKey, suggestion: problem.suggestion ?? '' } };
    case 'mapValue':
      return { messageId: 'mapValue', data: { mapKey: problem.mapKey, value: problem.value, byController: problem.byController, ...mapValueData(problem.problem) } };
    case 'quoted':
      return { messageId: 'quoted', data: { mapKey: problem.mapKey, value: problem.value } };
    case 'json':
      return { messageId: 'json', data: { error: problem.error, redirectPort: redirectPort(key, raw) } };
    case 'jsonShape':
      return { messageId: 'jsonShape', data: { where: problem.where === '' ? 'the value' : problem.where, problem: problem.problem, redirectPort: redirectPort(key, raw) } };
  }
}

/** `actions.ssl-redirect: '443'` is the old redirect pattern mistaken for `ssl-redirect` (controller issue #3254). */
function redirectPort(key: string, raw: string): string | undefined {
  return key.startsWith(`${ALB_PREFIX}actions.`) && /^\s*[0-9]+\s*$/.test(raw) ? raw.trim() : undefined;
}

/** What the mapValue message says of the value: one of its sections, by the scalar problem. */
function mapValueData(problem: Extract<ValueProblem, { code: 'mapValue' }>['problem']): MessageData {
  return {
    allowed: problem.code === 'enum' ? problem.allowed : undefined,
    suggestion: problem.code === 'enum' ? problem.suggestion : undefined,
    notBoolean: problem.code === 'boolean',
    notInteger: problem.code === 'integer',
    outOfRange: problem.code === 'range',
    min: problem.code === 'range' ? problem.min : undefined,
    max: problem.code === 'range' ? problem.max : undefined,
    problem: problem.code === 'format' ? problem.problem : undefined,
  };
}
