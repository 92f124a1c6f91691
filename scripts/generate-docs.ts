// Regenerates docs/rules.md and the README's rule table from the rules' metadata: `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown, withRuleTable } from '../src/docs/rule-docs.js';
import { allRuleMetas } from '../src/engine/registry.js';
import { packageRoot } from '../src/util/package-root.js';

const root = packageRoot();
const metas = allRuleMetas();
writeFileSync(join(root, 'docs', 'rules.md'), rulesMarkdown(metas));
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, withRuleTable(readFileSync(readmePath, 'utf8'), metas));
console.log(`docs/rules.md and README.md updated (${metas.length} rules)`);
