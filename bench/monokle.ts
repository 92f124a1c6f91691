// The peer the issue compares with: @monokle/validation with its default plugins, over every `*.yaml`
// file under a directory, as its own CLI runs it (split into resources with `yaml`, then validated).
// Not a dependency of the project: `npm run bench` runs it only when the package can be loaded
// (BENCH_MONOKLE_MODULE names another copy).
//
//   node dist/bench/monokle.js <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';

interface MonokleResource {
  id: string;
  fileId: string;
  filePath: string;
  fileOffset: number;
  name: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  content: unknown;
  text: string;
}
interface Monokle {
  createDefaultMonokleValidator(): {
    preload(config: { plugins: Record<string, boolean> }): Promise<void>;
    validate(params: { resources: MonokleResource[] }): Promise<{ runs: { results: unknown[] }[] }>;
  };
}

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: monokle.js <dir>');
  process.exit(2);
}
const spec = process.env['BENCH_MONOKLE_MODULE'];
const monokle = (await import(spec === undefined ? '@monokle/validation' : pathToFileURL(spec).href)) as Monokle;

const resources: MonokleResource[] = [];
for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
  if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
  const path = join(entry.parentPath, entry.name);
  const text = readFileSync(path, 'utf8');
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(docs)) continue;
  docs.forEach((doc, i) => {
    const content = doc.toJS() as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
    if (typeof content?.kind !== 'string' || typeof content.apiVersion !== 'string') return;
    const filePath = relative(dir, path);
    resources.push({
      id: `${filePath}#${i}`,
      fileId: filePath,
      filePath,
      fileOffset: lineCounter.linePos(doc.range[0]).line - 1,
      name: String(content.metadata?.name ?? ''),
      apiVersion: content.apiVersion,
      kind: content.kind,
      ...(typeof content.metadata?.namespace === 'string' ? { namespace: content.metadata.namespace } : {}),
      content,
      text: text.slice(doc.range[0], doc.range[1]),
    });
  });
}
const PLUGINS = (process.env['BENCH_MONOKLE_PLUGINS'] ?? 'yaml-syntax,kubernetes-schema,resource-links,practices,pod-security-standards,open-policy-agent').split(',');
const validator = monokle.createDefaultMonokleValidator();
// Its core plugins that judge manifests as this project does, or more (schema, references, practices).
await validator.preload({ plugins: Object.fromEntries(PLUGINS.map((plugin) => [plugin, true])) });
const response = await validator.validate({ resources });
console.log(JSON.stringify({ resources: resources.length, results: response.runs.reduce((n, run) => n + run.results.length, 0) }));
