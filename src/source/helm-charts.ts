import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readSmallFile } from './read.js';
import { parseYamlValue } from './yaml-value.js';

/** How deep under the working directory charts are looked for. */
const MAX_DEPTH = 4;
const SKIPPED = new Set(['node_modules', '.git', 'templates']);

/**
 * Where a `# Source:` path of rendered Helm output points on disk. Helm writes it as the chart's
 * *name* (from Chart.yaml) followed by the file's path inside the chart (`shop/templates/svc.yaml`,
 * `shop/charts/db/templates/svc.yaml` for a subchart), whatever the chart's folder is called. So the
 * first segment is replaced by the chart's folder: `chartDir` when given (`--helm-chart`), else
 * the folder under `cwd` whose Chart.yaml has that name (the working directory itself included).
 * A path that already names an existing file relative to `cwd`, or a chart that cannot be found,
 * stays as written.
 */
export function helmSourceResolver(cwd: string, chartDir?: string): (sourcePath: string) => string {
  let charts: Map<string, string> | undefined;
  return (sourcePath) => {
    const asWritten = resolve(cwd, sourcePath);
    const slash = sourcePath.indexOf('/');
    if (slash <= 0) return asWritten;
    const [name, rest] = [sourcePath.slice(0, slash), sourcePath.slice(slash + 1)];
    if (chartDir !== undefined) return resolve(cwd, chartDir, rest);
    if (existsSync(asWritten)) return asWritten;
    charts ??= chartsUnder(cwd);
    const dir = charts.get(name);
    return dir === undefined ? asWritten : join(dir, rest);
  };
}

/** Chart name → folder, for every Chart.yaml under `dir` (the shallowest of a name wins). */
function chartsUnder(dir: string): Map<string, string> {
  const charts = new Map<string, string>();
  let level = [dir];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const folder of level) {
      const name = chartName(join(folder, 'Chart.yaml'));
      if (name !== undefined && !charts.has(name)) charts.set(name, folder);
      for (const entry of safeReaddir(folder)) if (entry.isDirectory() && !SKIPPED.has(entry.name)) next.push(join(folder, entry.name));
    }
    level = next;
  }
  return charts;
}

function chartName(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  // A FIFO, a device or a link out of the chart's folder is not read.
  const file = readSmallFile(path, [dirname(path)]);
  if (file.text === undefined) return undefined;
  try {
    const { value } = parseYamlValue(file.text);
    const name = (value as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
