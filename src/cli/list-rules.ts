import type { RuleMeta } from '../api/types.js';
import type { RuleConfig } from '../engine/options.js';

/** A plain table: rule id, effective severity, category, description. */
export function formatRuleList(metas: readonly RuleMeta[], configs: ReadonlyMap<string, RuleConfig>): string {
  const severity = (id: string): string => ['off', 'warn', 'error'][configs.get(id)?.severity ?? 0]!;
  const idWidth = Math.max(...metas.map((m) => m.id.length));
  const categoryWidth = Math.max('category'.length, ...metas.map((m) => m.category.length));
  const row = (id: string, sev: string, category: string, description: string): string =>
    `${id.padEnd(idWidth)}  ${sev.padEnd(5)}  ${category.padEnd(categoryWidth)}  ${description}`;
  const lines = metas.map((m) => row(m.id, severity(m.id), m.category, m.description));
  return `${row('rule', 'sev', 'category', 'description')}\n${lines.join('\n')}\n`;
}
