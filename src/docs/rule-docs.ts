import type { RuleMeta } from '../api/types.js';

/** The README's rule table, generated from rule metadata so it cannot drift. */
export function ruleTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map(
    (m) => `| [\`${m.id}\`](docs/rules.md#${m.id}) | ${m.category} | ${m.defaultSeverity} | ${escapeCell(m.description)} |`,
  );
  return ['| rule | category | default | what it checks |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** docs/rules.md: one section per rule with its description, remediation, messages and options. */
export function rulesMarkdown(metas: readonly RuleMeta[]): string {
  const sections = metas.map((m) => {
    const messages = Object.entries(m.messages)
      .map(([id, text]) => `- \`${id}\`${m.warnings?.includes(id) ? ' (warning)' : ''}: ${text.replace(/\{\{\s*(\w+)\s*\}\}/g, '<$1>')}`)
      .join('\n');
    const options = m.schema === null ? 'None.' : `\`\`\`json\n${JSON.stringify(m.schema, null, 2)}\n\`\`\`\n\nDefaults: \`${JSON.stringify(m.defaultOptions)}\``;
    const kinds = m.kinds.length === 0 ? 'every file (found while reading and parsing)' : m.kinds.includes('*') ? 'every resource' : m.kinds.join(', ');
    return [
      `## ${m.id}`,
      '',
      m.description,
      '',
      `- Category: ${m.category}`,
      `- Default severity: ${m.defaultSeverity}`,
      `- Checks: ${kinds}${m.crossResource ? ' (reads other resources of the input)' : ''}`,
      `- Fix: ${m.remediation}`,
      '',
      'Messages:',
      '',
      messages,
      '',
      'Options:',
      '',
      options,
    ].join('\n');
  });
  return `# Rules\n\n<!-- Generated from the rules' metadata by \`npm run docs\`; do not edit by hand. -->\n\n${sections.join('\n\n')}\n`;
}

export const README_RULES_START = '<!-- rules:start -->';
export const README_RULES_END = '<!-- rules:end -->';

/** The README with its generated rule table replaced. */
export function withRuleTable(readme: string, metas: readonly RuleMeta[]): string {
  const start = readme.indexOf(README_RULES_START);
  const end = readme.indexOf(README_RULES_END);
  if (start < 0 || end < start) throw new Error('README.md has no rules:start/rules:end markers');
  return `${readme.slice(0, start + README_RULES_START.length)}\n${ruleTable(metas)}\n${readme.slice(end)}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
