// Regenerates docs/rules.md, docs/rules/<id>.md and the README's rule table from the rules'
// metadata and fixtures: `npm run docs`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDocs } from '../src/docs/generate.js';
import { packageRoot } from '../src/util/package-root.js';

const root = packageRoot();
const readmePath = join(root, 'README.md');
const docs = await generatedDocs(root, readFileSync(readmePath, 'utf8'));
mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
for (const name of readdirSync(join(root, 'docs', 'rules'))) rmSync(join(root, 'docs', 'rules', name));
for (const [path, text] of docs) writeFileSync(join(root, path), text);
console.log(`${docs.size} documentation files updated`);
