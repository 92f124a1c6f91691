import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuleMetas } from '../engine/registry.js';
import { rulePage, rulesIndex, withRuleTable } from './rule-docs.js';
import { ruleExamples } from './rule-examples.js';

/** Every generated documentation file, by path relative to the package root. */
export async function generatedDocs(root: string, readme: string): Promise<Map<string, string>> {
  const metas = allRuleMetas();
  const files = new Map<string, string>([
    ['README.md', withRuleTable(readme, metas)],
    ['docs/rules.md', rulesIndex(metas)],
  ]);
  for (const meta of metas) {
    const { bad, good } = await ruleExamples(join(root, 'fixtures'), meta);
    const pack = join(root, 'policies', 'pack', `${meta.id}.yaml`);
    files.set(`docs/rules/${meta.id}.md`, rulePage(meta, bad, good, existsSync(pack) ? readFileSync(pack, 'utf8') : undefined));
  }
  return files;
}
