// The whole-process floor `npm run bench` compares the CLI with: a `node` process that reads every
// `*.yaml` file under a directory and parses it with `yaml` as a linter must at least, with positions
// (`parseAllDocuments` with a LineCounter) and to plain values (`toJS`), and nothing else.
//
//   node dist/bench/floor.js <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: floor.js <dir>');
  process.exit(2);
}
let documents = 0;
for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
  if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
  const docs = parseAllDocuments(readFileSync(join(entry.parentPath, entry.name), 'utf8'), { lineCounter: new LineCounter(), version: '1.1' });
  if (!Array.isArray(docs)) continue;
  for (const doc of docs) {
    documents++;
    doc.toJS();
  }
}
console.log(JSON.stringify({ documents }));
