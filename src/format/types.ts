import type { LintResult } from '../api/eslint-types.js';
import type { Topology } from '../graph/types.js';

export type { LintResult };
export type LintMessage = LintResult['messages'][number];

/** Rule metadata as ESLint formatters read it from `context.rulesMeta`. */
export interface FormatterRuleMeta {
  readonly type: 'problem' | 'suggestion';
  readonly docs: { readonly description: string; readonly url: string; readonly remediation: string; readonly category: string };
  readonly messages: Readonly<Record<string, string>>;
  readonly schema: unknown;
  readonly defaultSeverity: 'warn' | 'error';
  readonly fixable?: 'code';
}

export interface FormatterContext {
  readonly cwd: string;
  readonly rulesMeta: Readonly<Record<string, FormatterRuleMeta>>;
  readonly color: boolean;
  readonly toolVersion: string;
  readonly maxWarningsExceeded?: { readonly maxWarnings: number; readonly foundWarnings: number };
  /** The file the report is written to (`--output-file`), if any: the html report links to the manifests relative to it. */
  readonly outputPath?: string;
  /** The network topology, for the formatters that draw it (mermaid, html; see `needsTopology`). */
  readonly topology?: Topology;
}

export type Formatter = (results: LintResult[], context: FormatterContext) => string | Promise<string>;

/** Whether a formatter draws the topology: then the caller passes `context.topology`. */
export function needsTopology(formatter: Formatter): boolean {
  return (formatter as { needsTopology?: boolean }).needsTopology === true;
}

/** The name a report gives a message without a rule id: an unused disable directive (`--report-unused-disable-directives`). */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';
