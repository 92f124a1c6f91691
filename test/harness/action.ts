import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './checkout.js';

export interface Action {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The job summary: an earlier step's, then this one's. */
  summary: string;
  /** What the step wrote to GITHUB_OUTPUT. */
  outputs: string;
  workspace: string;
}

/**
 * Runs the action as the runner runs a JavaScript action: its Node on `runs.main` (the committed
 * bundle) of the action's repository (`actionRoot`, this checkout by default), each input as
 * `INPUT_<NAME>` (upper case, hyphens kept; defaults for inputs not given), the working directory
 * GITHUB_WORKSPACE (a new temporary repository holding `manifests/`), and GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT files.
 */
export function runAction(manifests: Record<string, string>, inputs: Record<string, string>, actionRoot = ROOT): ActionRun {
  const workspace = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-action-'));
  mkdirSync(join(workspace, 'manifests'));
  for (const [name, text] of Object.entries(manifests)) writeFileSync(join(workspace, 'manifests', name), text);
  const summaryPath = `${workspace}-summary.md`;
  writeFileSync(summaryPath, '# Earlier step\n\n');
  const outputPath = `${workspace}-output`;
  writeFileSync(outputPath, '');
  const env: Record<string, string> = {};
  for (const [name, { default: value }] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? value;
  const result = spawnSync(process.execPath, [join(actionRoot, action.runs.main)], {
    cwd: workspace,
    env: { PATH: process.env['PATH'], GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summaryPath, GITHUB_OUTPUT: outputPath, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    summary: readFileSync(summaryPath, 'utf8'),
    outputs: readFileSync(outputPath, 'utf8'),
    workspace,
  };
}
