import type { RuleMeta } from '../api/types.js';
import type { SourceProblemId } from '../source/types.js';

/** Findings made while reading and parsing; listed with the rules so they can be configured and documented. */
export const SOURCE_RULES: Readonly<Record<SourceProblemId, RuleMeta<'problem', Record<string, never>>>> = {
  'yaml-syntax': {
    id: 'yaml-syntax',
    description: 'The file must be valid UTF-8 YAML; a document with a syntax error cannot be linted or applied.',
    remediation: 'Fix the YAML at the reported position; the other documents of the file are still linted.',
    category: 'source',
    defaultSeverity: 'error',
    messages: { problem: '{{message}}' },
    kinds: [],
    schema: null,
    defaultOptions: {},
  },
  'duplicate-key': {
    id: 'duplicate-key',
    description: 'A key appears twice in the same mapping; the API server rejects duplicate fields.',
    remediation: 'Remove one of the two keys, keeping the value you mean.',
    category: 'source',
    defaultSeverity: 'error',
    messages: { problem: '{{message}}' },
    kinds: [],
    schema: null,
    defaultOptions: {},
  },
  'helm-template': {
    id: 'helm-template',
    description: 'A Helm template is not a manifest; lint its rendered output instead.',
    remediation: 'Pipe the rendered chart in (`helm template <chart> | k8s-svc-lint -`), or add the chart folder to ignorePatterns.',
    category: 'source',
    defaultSeverity: 'warn',
    messages: { problem: '{{message}}' },
    kinds: [],
    schema: null,
    defaultOptions: {},
  },
  'file-unreadable': {
    id: 'file-unreadable',
    description: 'A file, folder or kustomization could not be read (permissions, size limit) and was not linted.',
    remediation: 'Make it readable, or exclude it with ignorePatterns.',
    category: 'source',
    defaultSeverity: 'error',
    messages: { problem: '{{message}}' },
    kinds: [],
    schema: null,
    defaultOptions: {},
  },
};
