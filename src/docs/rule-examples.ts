import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { RuleMeta } from '../api/types.js';
import type { ConfigFile } from '../config/types.js';
import { allRuleMetas } from '../engine/registry.js';
import { lintText } from '../lint.js';
import type { RuleExample } from './rule-docs.js';

const MAX_EXAMPLE_LINES = 60;

/**
 * A bad and a good example for a rule's page, taken from its fixtures: the shortest single-file
 * case of each kind, the bad one linted with only this rule on, so the page shows real output.
 */
export async function ruleExamples(fixturesDir: string, meta: RuleMeta): Promise<{ bad?: RuleExample; good?: RuleExample }> {
  const bad = shortestCase(join(fixturesDir, meta.id, 'invalid'));
  const good = shortestCase(join(fixturesDir, meta.id, 'valid'));
  return {
    ...(bad ? { bad: { ...bad, findings: await findings(meta, bad.text, bad.configObject) } } : {}),
    ...(good ? { good } : {}),
  };
}

interface Case {
  readonly text: string;
  readonly config?: string;
  readonly configObject: ConfigFile;
  readonly fixed?: string;
}

function shortestCase(dir: string): Case | undefined {
  if (!existsSync(dir)) return undefined;
  const cases = readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && !name.endsWith('.expect.yaml') && !/\.fixed\.(ya?ml|json)$/.test(name) && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const expectPath = join(dir, name.replace(/\.(ya?ml|json)$/, '.expect.yaml'));
      const configObject = (existsSync(expectPath) ? (parse(readFileSync(expectPath, 'utf8')) as { config?: ConfigFile }).config : undefined) ?? {};
      const fixedPath = join(dir, name.replace(/\.(ya?ml|json)$/, '.fixed$&'));
      const fixed = existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : undefined;
      return { text, configObject, ...(Object.keys(configObject).length > 0 ? { config: stringify(configObject) } : {}), ...(fixed !== undefined ? { fixed } : {}) };
    })
    .filter((c) => c.text.split('\n').length <= MAX_EXAMPLE_LINES && !c.text.includes('\u0000'));
  return cases.sort((a, b) => a.text.length - b.text.length)[0];
}

async function findings(meta: RuleMeta, text: string, config: ConfigFile): Promise<string[]> {
  const rules: Record<string, 'off' | 'warn' | 'error'> = Object.fromEntries(allRuleMetas().map((m) => [m.id, 'off' as const]));
  rules[meta.id] = meta.defaultSeverity;
  const { results } = await lintText(text, { filePath: 'example.yaml', config: { ...config, rules } });
  return results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column}  ${m.severity === 2 ? 'error' : 'warning'}  ${m.message}  ${m.ruleId}`));
}
