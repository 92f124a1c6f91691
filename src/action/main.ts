// The GitHub Action's entry point (action.yml): lints, prints annotations, writes the job summary
// and, if asked, a SARIF file for code scanning. Inputs come as INPUT_* environment variables.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config/types.js';
import { github } from '../format/github.js';
import { markdown, MAX_LISTED } from '../format/markdown.js';
import { mermaidMarkdown } from '../format/mermaid.js';
import { formatterContext } from '../format/context.js';
import { sarif } from '../format/sarif.js';
import { workflowData } from '../format/sanitize.js';
import type { Topology } from '../graph/types.js';
import { lint } from '../lint.js';
import { InputError } from '../source/discover.js';
import { ANNOTATION_LIMITS, annotationsToPrint } from './annotations.js';
import { input } from './inputs.js';
import { setOutputs } from './outputs.js';
import { allFindings } from './summary.js';

type FailOn = 'error' | 'warning' | 'never';

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const cwd = env['GITHUB_WORKSPACE'] || process.cwd();
  const patterns = (input(env, 'paths') || '.').split(/\s+/).filter((p) => p !== '');
  const failOn = (input(env, 'fail-on') || 'error') as FailOn;
  const configFile = input(env, 'config');
  const sarifFile = input(env, 'sarif-file');
  if (!['error', 'warning', 'never'].includes(failOn)) throw new ConfigError(`fail-on must be error, warning or never, not "${failOn}"`);

  const { results, topology } = await lint({ patterns, cwd, ...(configFile ? { configFile } : {}) });
  const context = formatterContext({ cwd });

  // Each output on its own: one that fails must not cost the others (a summary without SARIF, or none at all).
  const failed: string[] = [];
  const attempt = async (what: string, write: () => Promise<void> | void): Promise<void> => {
    try {
      await write();
    } catch (error) {
      failed.push(`${what}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
  const annotations = annotationsToPrint(results);
  await attempt('annotations', async () => void process.stdout.write(await github(annotations.results, context)));
  await attempt('SARIF', async () => {
    if (!sarifFile) return;
    const path = resolve(cwd, sarifFile);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await sarif(results, context));
  });
  await attempt('job summary', async () => {
    if (!env['GITHUB_STEP_SUMMARY']) return;
    const findings = `${await markdown(results, context)}${allFindings(results, cwd, MAX_LISTED)}`;
    let picture = '';
    await attempt('topology', () => void (picture = topologySummary(topology())));
    appendFileSync(env['GITHUB_STEP_SUMMARY'], `${findings}${picture}`);
  });
  for (const failure of failed) process.stdout.write(`::error title=k8s-svc-lint::${workflowData(`internal error writing the ${failure}`)}\n`);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (annotations.omitted > 0)
    process.stdout.write(
      `k8s-svc-lint: ${annotations.omitted} more finding(s) not annotated (GitHub shows ${ANNOTATION_LIMITS.errors} errors and ${ANNOTATION_LIMITS.warnings} warnings per step); the job summary lists them all\n`,
    );
  process.stdout.write(`k8s-svc-lint: ${errors} error(s), ${warnings} warning(s) in ${results.length} file(s)\n`);
  setOutputs(env, { errors, warnings, 'sarif-file': sarifFile });
  if (failed.length > 0) return 2;
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
  process.stdout.write(`::error title=k8s-svc-lint::${workflowData(known ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`)}\n`);
  process.exitCode = 2;
}
