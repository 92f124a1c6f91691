import type { RuleMeta } from '../api/types.js';
import type { FormatterRuleMeta } from './types.js';

/** Projects our rule metadata to the shape ESLint formatters read from `context.rulesMeta`. */
export function toRulesMeta(metas: readonly RuleMeta[], docsUrl: (id: string) => string): Record<string, FormatterRuleMeta> {
  const rulesMeta: Record<string, FormatterRuleMeta> = {};
  for (const meta of metas) {
    rulesMeta[meta.id] = {
      type: meta.defaultSeverity === 'error' ? 'problem' : 'suggestion',
      docs: { description: meta.description, url: docsUrl(meta.id), remediation: meta.remediation, category: meta.category },
      messages: meta.messages,
      schema: meta.schema ?? [],
      defaultSeverity: meta.defaultSeverity,
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
    };
  }
  return rulesMeta;
}
