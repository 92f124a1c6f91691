import type { RuleMeta } from '../api/types.js';
import { outlineTemplate } from '../engine/interpolate.js';

/** A manifest that shows a rule at work, with what the linter prints for it. */
export interface RuleExample {
  readonly text: string;
  /** Config keys the example needs (a node port range, strictReferences), as YAML lines. */
  readonly config?: string;
  /** The findings as the stylish format prints them; empty for a good example. */
  readonly findings?: readonly string[];
  /** What `--fix` makes of a bad example, when its fixture says (`<case>.fixed.yaml`). */
  readonly fixed?: string;
}

const CATEGORY_TITLES: Readonly<Record<string, string>> = {
  source: 'Reading and parsing',
  schema: 'API schema',
  resource: 'Resources',
  nodeport: 'Node ports',
  service: 'Services',
  externalname: 'ExternalName Services',
  headless: 'Headless Services and StatefulSets',
  aws: 'AWS load balancers',
  networkpolicy: 'NetworkPolicies',
  ingress: 'Ingress',
  gateway: 'Gateway API',
  api: 'API versions',
  policy: 'Policies',
};

/** A rule's default: its severity, or `off` for a rule the config must turn on. */
function defaultState(meta: RuleMeta): string {
  return meta.optIn ? `off (opt-in, ${meta.defaultSeverity})` : meta.defaultSeverity;
}

/** The README's rule table, generated from rule metadata so it cannot drift. */
function ruleTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map(
    (m) => `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.category} | ${defaultState(m)} | ${escapeCell(m.description)} |`,
  );
  return ['| rule | category | default | what it checks |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** docs/rules.md: the rules by category, each linking to its page. */
export function rulesIndex(metas: readonly RuleMeta[]): string {
  const categories = [...new Set(metas.map((m) => m.category))];
  const sections = categories.map((category) => {
    const rows = metas
      .filter((m) => m.category === category)
      .map((m) => `| [\`${m.id}\`](rules/${m.id}.md) | ${defaultState(m)} | ${escapeCell(m.description)} |`);
    return [`## ${CATEGORY_TITLES[category] ?? category}`, '', '| rule | default | what it checks |', '| --- | --- | --- |', ...rows].join('\n');
  });
  return `# Rules\n\n${GENERATED}\n\nSeverity \`error\` means the API server rejects the manifest or traffic cannot flow; \`warn\` means it is very likely wrong.\n\n${sections.join('\n\n')}\n`;
}

/** docs/rules/<id>.md: what the rule checks, why, its messages, options, and a bad and a good example. */
export function rulePage(meta: RuleMeta, bad: RuleExample | undefined, good: RuleExample | undefined, policy?: string): string {
  const kinds = meta.kinds.length === 0 ? 'every file (found while reading and parsing)' : meta.kinds.includes('*') ? 'every resource' : meta.kinds.join(', ');
  const messages = Object.entries(meta.messages)
    .map(([id, text]) => `- \`${id}\`${meta.warnings?.includes(id) ? ' (a warning)' : ''}: ${outlineTemplate(text)}`)
    .join('\n');
  const options =
    meta.schema === null
      ? 'None.'
      : `\`\`\`json\n${JSON.stringify(meta.schema, null, 2)}\n\`\`\`\n\nDefaults: \`${JSON.stringify(meta.defaultOptions)}\`. Set them in \`.k8s-svc-lint.yaml\`:\n\n\`\`\`yaml\nrules:\n  ${meta.id}: [${meta.defaultSeverity}, ${JSON.stringify(meta.defaultOptions)}]\n\`\`\``;
  const parts = [
    `# ${meta.id}`,
    '',
    GENERATED,
    '',
    meta.description,
    '',
    `- Category: ${CATEGORY_TITLES[meta.category] ?? meta.category}`,
    `- Default severity: ${meta.optIn ? `off; when turned on, ${meta.defaultSeverity}` : meta.defaultSeverity}${meta.warnings?.length ? ' (lesser problems are warnings, marked below)' : ''}`,
    `- Checks: ${kinds}${meta.crossResource ? '; reads other resources of the input' : ''}`,
    ...(meta.fixable ? ['- Fixable with `--fix`'] : []),
    '',
    '## How to fix',
    '',
    meta.remediation,
    '',
    '## Messages',
    '',
    messages,
  ];
  if (policy !== undefined) {
    parts.push('', '## The policy', '', `The rule is written as policies in the short form (\`policies/pack/${meta.id}.yaml\`); \`params\` are the rule's options. To adapt one, copy it into \`policies:\` in the config with \`params.…\` replaced by your values; \`k8s-svc-lint policy export\` writes it as a ValidatingAdmissionPolicy.`, '', '```yaml', policy.trimEnd(), '```');
  }
  if (bad) {
    parts.push('', '## Example of a problem', '', ...(bad.config ? ['With `.k8s-svc-lint.yaml`:', '', '```yaml', bad.config.trimEnd(), '```', ''] : []));
    parts.push('```yaml', bad.text.trimEnd(), '```', '', 'k8s-svc-lint reports:', '', '```text', ...(bad.findings ?? []), '```');
    if (bad.fixed !== undefined) parts.push('', '`k8s-svc-lint --fix` rewrites it to (what has no safe fix is left as it was):', '', '```yaml', bad.fixed.trimEnd(), '```');
  }
  if (good) parts.push('', '## Example without a problem', '', ...(good.config ? ['With `.k8s-svc-lint.yaml`:', '', '```yaml', good.config.trimEnd(), '```', ''] : []), '```yaml', good.text.trimEnd(), '```');
  parts.push('', '## Options', '', options, '', `Turn the rule off with \`rules: { ${meta.id}: off }\`, or suppress one finding with a \`# k8s-svc-lint-disable-next-line ${meta.id}\` comment or the \`k8s-svc-lint.io/ignore: "${meta.id}"\` annotation.`);
  return `${parts.join('\n')}\n`;
}

const GENERATED = "<!-- Generated from the rules' metadata and fixtures by `npm run docs`; do not edit by hand. -->";

const README_RULES_START = '<!-- rules:start -->';
const README_RULES_END = '<!-- rules:end -->';

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
