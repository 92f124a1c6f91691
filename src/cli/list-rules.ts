import type { RuleMeta } from '../api/types.js';
import type { RuleConfig } from '../engine/options.js';

/** A plain table: rule id, effective severity, category, description. */
export function formatRuleList(metas: readonly RuleMeta[], configs: ReadonlyMap<string, RuleConfig>): string {
  const severity = (id: string): string => ['off', 'warn', 'error'][configs.get(id)?.severity ?? 0]!;
  const idWidth = Math.max(...metas.map((m) => m.id.length));
  const lines = metas.map((m) => `${m.id.padEnd(idWidth)}  ${severity(m.id).padEnd(5)}  ${m.category.padEnd(9)}  ${m.description}`);
  return `${'rule'.padEnd(idWidth)}  sev    category   description\n${lines.join('\n')}\n`;
}
