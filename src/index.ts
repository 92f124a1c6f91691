/** The library API: `import { lint } from 'k8s-svc-lint'`. */
export { lint, lintText, type LintOptions, type LintOutput } from './lint.js';
export { defineRule } from './api/types.js';
export type { Diagnostic, FieldPath, RuleContext, RuleMeta, RuleModule, Severity, SeverityOrOff, Settings } from './api/types.js';
export type { ConfigFile } from './config/types.js';
export { ConfigError } from './config/types.js';
export { InputError } from './source/discover.js';
export { loadFormatter, BUILTIN_FORMATTERS } from './format/load.js';
export type { Formatter, FormatterContext, LintResult, LintMessage } from './format/types.js';
export { allRuleMetas } from './engine/registry.js';
