import { defineRule, type FieldPath, type SuggestionDescriptor } from '../src/api/types.js';
import { classifyAnnotationKey } from '../src/k8s/aws/keys.js';
import { annotationEntries } from '../src/k8s/metadata.js';

export default defineRule({
  meta: {
    id: 'aws-annotation-unknown',
    description:
      'AWS load balancer annotation keys must be ones the AWS Load Balancer Controller or the in-tree provider reads; both silently ignore a misspelt key or a key under the wrong prefix.',
    remediation: 'Correct the key to the one the controller reads (the message suggests the nearest), or remove it.',
    category: 'aws',
    defaultSeverity: 'error',
    messages: {
      unknown:
        '`{{key}}` is not an annotation the AWS Load Balancer Controller or the in-tree provider reads, so it is silently ignored. Check its spelling against the controller documentation',
      suggest: '`{{key}}` is not an annotation the AWS load balancer controllers read, so it is silently ignored; did you mean `{{suggestion}}`?',
      hint: '`{{key}}` is not an annotation the AWS load balancer controllers read, so it is silently ignored; {{#head}}the part after `{{head}}` must be {{form}}{{/head}}{{^head}}{{hint}}{{/head}}',
      wrongPrefix: '`{{key}}` is silently ignored: the controller reads this annotation only under the prefix `{{prefix}}`. Write `{{suggestion}}`',
    },
    kinds: ['Service', 'Ingress'],
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string' },
          description: 'Further keys to accept, for annotations of a controller release newer than the catalogue.',
        },
      },
    },
    defaultOptions: { allow: [] as string[] },
  },
  check(resource, { options, report }) {
    const allowed = new Set(options.allow);
    for (const { key, path } of annotationEntries(resource.object)) {
      if (allowed.has(key)) continue;
      const verdict = classifyAnnotationKey(key);
      if (verdict.kind === 'unknown') {
        if (verdict.suggestion !== undefined)
          report({ messageId: 'suggest', at: path, target: 'key', data: { key, suggestion: verdict.suggestion }, suggest: [rename(path, verdict.suggestion)] });
        else if (verdict.hint !== undefined || verdict.pattern !== undefined) {
          report({ messageId: 'hint', at: path, target: 'key', data: { key, hint: verdict.hint, head: verdict.pattern?.head, form: verdict.pattern?.form } });
        } else report({ messageId: 'unknown', at: path, target: 'key', data: { key } });
      } else if (verdict.kind === 'wrongPrefix') {
        report({
          messageId: 'wrongPrefix',
          at: path,
          target: 'key',
          data: { key, prefix: verdict.prefix, suggestion: verdict.suggestion },
          suggest: [rename(path, verdict.suggestion)],
        });
      }
    }
  },
});

function rename(path: FieldPath, to: string): SuggestionDescriptor {
  return { desc: `Rename the annotation to \`${to}\``, fix: [{ op: 'rename', at: path, to }] };
}
