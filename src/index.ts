/**
 * The library API:
 *
 *   import { lint, loadConfig, formatters } from 'k8s-svc-lint';
 *   const { results } = await lint({ patterns: ['manifests/'] });
 *   process.stdout.write(await formatters.stylish(results, formatterContext()));
 */
export { lint, lintText, type LintOptions, type LintOutput } from './lint.js';
export { loadConfig, findConfigFile } from './config/load.js';
export type { ConfigFile, LoadedConfig } from './config/types.js';
export { ConfigError } from './config/types.js';
export { InputError } from './source/discover.js';
export { outputFixes, type FixedResult, type WriteFailure } from './source/write.js';
export type { FixFilter } from './engine/fix.js';
export { defineRule } from './api/types.js';
export type { KubernetesVersion } from './apiserver/version.js';
export type { Diagnostic, DiagnosticFix, FieldPath, FixOperation, FixValue, RuleContext, RuleMeta, RuleModule, Severity, SeverityOrOff, Settings } from './api/types.js';
export type { JudgedReference, ObjectRef, ReferenceProblem, RelatedLocation, ResourceRef } from './api/types.js';
export { loadFormatter, BUILTIN_FORMATTERS as formatters } from './format/load.js';
export { formatterContext } from './format/context.js';
export type { Formatter, FormatterContext, LintResult, LintMessage } from './format/types.js';
export type { Topology, TopologyNode, TopologyEdge, TopologyNamespace, TopologyFinding, NodeKind, EdgeKind } from './graph/types.js';
export { allRuleMetas, ruleDocsUrl } from './engine/registry.js';
