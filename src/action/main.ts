// The GitHub Action's entry point (action.yml): lints, prints annotations, writes the job summary
// and, if asked, a SARIF file for code scanning. Inputs come as INPUT_* environment variables.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config/types.js';
import { github } from '../format/github.js';
import { markdown } from '../format/markdown.js';
import { mermaidMarkdown } from '../format/mermaid.js';
import { formatterContext } from '../format/context.js';
import { sarif } from '../format/sarif.js';
import { workflowData } from '../format/sanitize.js';
import type { Topology } from '../graph/types.js';
import { lint } from '../lint.js';
import { InputError } from '../source/discover.js';

type FailOn = 'error' | 'warning' | 'never';

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const cwd = env['GITHUB_WORKSPACE'] || process.cwd();
  const patterns = (env['INPUT_PATHS'] || '.').split(/\s+/).filter((p) => p !== '');
  const failOn = (env['INPUT_FAIL_ON'] || 'error') as FailOn;
  if (!['error', 'warning', 'never'].includes(failOn)) throw new ConfigError(`fail-on must be error, warning or never, not "${failOn}"`);

  const { results, topology } = await lint({ patterns, cwd, ...(env['INPUT_CONFIG'] ? { configFile: env['INPUT_CONFIG'] } : {}) });
  const context = formatterContext({ cwd });

  process.stdout.write(await github(results, context));
  if (env['GITHUB_STEP_SUMMARY']) appendFileSync(env['GITHUB_STEP_SUMMARY'], `${await markdown(results, context)}${topologySummary(topology())}`);
  if (env['INPUT_SARIF_FILE']) {
    const path = resolve(cwd, env['INPUT_SARIF_FILE']);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await sarif(results, context));
  }

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  process.stdout.write(`k8s-svc-lint: ${errors} error(s), ${warnings} warning(s) in ${results.length} file(s)\n`);
  if (failOn === 'never') return 0;
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? 1 : 0;
}

/** The network picture under the findings: Mermaid, which GitHub renders in the summary (bounded in size). */
function topologySummary(topology: Topology): string {
  if (topology.nodes.length === 0) return '';
  return `\n### Topology\n\nBroken references are red, each labelled with the rule that found it.\n\n${mermaidMarkdown(topology)}`;
}

try {
  process.exitCode = await main(process.env);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof InputError;
  process.stdout.write(`::error title=k8s-svc-lint::${workflowData(known ? (error as Error).message : `internal error: ${(error as Error)?.message ?? String(error)}`)}\n`);
  process.exitCode = 2;
}
