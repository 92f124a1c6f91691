// Compiled by `npm run build` only to check that our copy of ESLint's result types
// (src/api/eslint-types.ts) stays assignable to typescript-eslint's: whatever reads ESLint's results
// (formatters, tools parsing the JSON output) reads ours. Messages are checked against
// `Linter.LintMessage` (typescript-eslint's `ESLint.LintResult` declares every optional field of its
// messages as required-but-undefined, which ESLint itself does not).
import type { TSESLint } from '@typescript-eslint/utils';
import type { LintMessage, LintResult, SuppressedLintMessage } from '../src/api/eslint-types.js';

type Assignable<A, B> = [A] extends [B] ? true : false;
type Messages = 'messages' | 'suppressedMessages';

export const resultIsESLintResult: Assignable<Omit<LintResult, Messages>, Omit<TSESLint.ESLint.LintResult, Messages>> = true;
export const messageIsLinterMessage: Assignable<LintMessage, TSESLint.Linter.LintMessage> = true;
export const suppressedIsLinterMessage: Assignable<SuppressedLintMessage, TSESLint.Linter.LintMessage> = true;
