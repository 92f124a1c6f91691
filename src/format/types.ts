import type { TSESLint } from '@typescript-eslint/utils';

export type LintResult = TSESLint.ESLint.LintResult;
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
}

export type Formatter = (results: LintResult[], context: FormatterContext) => string | Promise<string>;
