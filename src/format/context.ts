import { allRuleMetas, ruleDocsUrl } from '../engine/registry.js';
import { packageVersion } from '../util/package-root.js';
import { toRulesMeta } from './rules-meta.js';
import type { FormatterContext } from './types.js';

/** The context formatters receive: the working directory, every rule's metadata with its docs link, colour off. */
export function formatterContext(options: { cwd?: string; color?: boolean } = {}): FormatterContext {
  return {
    cwd: options.cwd ?? process.cwd(),
    rulesMeta: toRulesMeta(allRuleMetas(), ruleDocsUrl),
    color: options.color ?? false,
    toolVersion: packageVersion(),
  };
}
