/**
 * ESLint's result types, as formatters and tools that read ESLint's JSON expect them (the shapes of
 * `ESLint.LintResult` and `Linter.LintMessage` in ESLint 9). Our own copy, so that the published type
 * declarations need neither ESLint nor typescript-eslint; scripts/eslint-types-check.ts keeps them
 * assignable to typescript-eslint's, so whatever accepts ESLint's results accepts ours.
 */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedLintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The text with the fixes applied, when some were. */
  output?: string;
  source?: string;
  stats?: LintStats;
  usedDeprecatedRules: DeprecatedRuleInfo[];
}

export interface LintMessage {
  ruleId: string | null;
  /** 1 warning, 2 error. */
  severity: 1 | 2;
  message: string;
  messageId?: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  fix?: RuleFix;
  suggestions?: { desc: string; fix: RuleFix; messageId?: string }[];
  nodeType?: string;
  source: string | null;
}

export interface SuppressedLintMessage extends LintMessage {
  suppressions?: { justification: string; kind: string }[];
}

/** Replace the text in `range` (offsets into the source) with `text`. */
export interface RuleFix {
  range: [number, number];
  text: string;
}

export interface DeprecatedRuleInfo {
  ruleId: string;
  replacedBy: string[];
}

export interface LintStats {
  fixPasses: number;
  times: { passes: { parse: { total: number }; rules?: Record<string, { total: number }>; fix: { total: number }; total: number }[] };
}
