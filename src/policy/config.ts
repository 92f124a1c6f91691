/** Config `policies:` and `namespaces:` turned into what the policy checker runs; a policy that cannot run is a ConfigError. */
import { ConfigError, type ConfigFile } from '../config/types.js';
import { compile } from './cel.js';
import { resourceOfKind } from './match.js';
import { policyExpressions } from './problems.js';
import type { PolicySettings } from './settings.js';
import { compileShortPolicy, type ShortPolicy } from './short-form.js';

export function policySettings(config: ConfigFile): PolicySettings | undefined {
  const shortForms = shortPolicies(config);
  if (shortForms.length === 0 && config.namespaces === undefined) return undefined;
  const seen = new Set<string>();
  const policies = shortForms.map((short) => {
    if (seen.has(short.id)) throw new ConfigError(`"policies" has two policies with id "${short.id}"; ids must be unique`);
    seen.add(short.id);
    const compiled = compileShortPolicy(short, resourceOfKind);
    for (const expression of policyExpressions(compiled.policy)) {
      const result = compile(expression.text);
      if (!result.ok) {
        const column = result.error.offset === undefined ? '' : ` at column ${result.error.offset + 1}`;
        throw new ConfigError(`Policy "${short.id}" in "policies": the CEL expression \`${expression.text}\` does not compile${column}: ${result.error.message}`);
      }
    }
    return compiled;
  });
  return { policies, namespaces: config.namespaces ?? {} };
}

function shortPolicies(config: ConfigFile): ShortPolicy[] {
  return (config.policies ?? []).filter((entry): entry is ShortPolicy => typeof entry !== 'string');
}

/** The file globs of config `policies:`. */
export function policyFileGlobs(config: ConfigFile): string[] {
  return (config.policies ?? []).filter((entry): entry is string => typeof entry === 'string');
}
