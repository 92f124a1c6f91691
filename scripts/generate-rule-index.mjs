// Part of `npm run build` (the `prebuild` script), before tsc: writes rules/index.ts, the list of every
// rule, from the files in rules/ (one rule per file, its id the file name). A new rule is thus its file
// and its fixtures; nothing else lists it. The output is committed; test/rule-index.test.ts fails when it
// is stale. `--check` only reports whether it is.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RULES_DIR = join(import.meta.dirname, '..', 'rules');
export const INDEX = join(RULES_DIR, 'index.ts');

/** The rule files of rules/, without their extension, in a stable order (by id). */
export function ruleFiles(dir = RULES_DIR) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'index.ts')
    .map((name) => name.slice(0, -'.ts'.length))
    .sort();
}

/** The text of rules/index.ts for these rule ids. */
export function ruleIndexSource(ids) {
  const name = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  return [
    '// Generated from the files of rules/ by scripts/generate-rule-index.mjs (part of `npm run build`); do not edit.',
    "import type { AnyRule } from '../src/api/types.js';",
    ...ids.map((id) => `import ${name(id)} from './${id}.js';`),
    '',
    "/** Every rule, by id. A rule's id equals its file name. */",
    'export const rules: readonly AnyRule[] = [',
    ...ids.map((id) => `  ${name(id)},`),
    '];',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = ruleIndexSource(ruleFiles());
  const current = existsSync(INDEX) ? readFileSync(INDEX, 'utf8') : undefined;
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('rules/index.ts is stale: run `npm run build` (or node scripts/generate-rule-index.mjs) and commit it');
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(INDEX, text);
    console.log('rules/index.ts updated');
  }
}
