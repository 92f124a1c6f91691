/**
 * Pack rules: rules written as short-form policies (CEL, as data in policies/pack/<id>.yaml) that users
 * can read, copy into their config and export. The rule's options are the policies' `params`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { defineRule, type RuleMeta, type RuleModule } from '../api/types.js';
import { packageRoot } from '../util/package-root.js';
import { checkObject, type PolicySet } from './checker.js';
import { configPolicySet } from './input.js';
import { resourceOfKind } from './match.js';
import type { Binding, Policy } from './model.js';
import { compileShortPolicy, type ShortPolicy } from './short-form.js';

/** The pack file of a rule: its short-form policies. */
export function packPath(id: string): string {
  return join(packageRoot(), 'policies', 'pack', `${id}.yaml`);
}

export function readPack(id: string): ShortPolicy[] {
  const parsed: unknown = parse(readFileSync(packPath(id), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`policies/pack/${id}.yaml must be a list of policies`);
  return parsed as ShortPolicy[];
}

type PackMeta<O> = Omit<RuleMeta<'violation', O>, 'messages' | 'warnings' | 'crossResource'>;

/**
 * A pack policy as it runs: an expression that cannot be evaluated on an odd object (a field of the
 * wrong type, which the schema rule reports) says nothing, as under failurePolicy Ignore.
 */
function packPolicy(short: ShortPolicy): { policy: Policy; binding: Binding } {
  const { policy, binding } = compileShortPolicy(short, resourceOfKind);
  return { policy: { ...policy, failurePolicy: 'Ignore' }, binding };
}

/** A rule that runs the policies of policies/pack/<id>.yaml; every finding has the rule's severity. */
export function definePackRule<O>(meta: PackMeta<O>): RuleModule<'violation', O> {
  let set: PolicySet | undefined;
  const policySet = (): PolicySet => (set ??= configPolicySet({ policies: readPack(meta.id).map(packPolicy), namespaces: {} }));
  return defineRule<'violation', O>({
    meta: { ...meta, messages: { violation: '{{message}}' } },
    check(resource, { index, options, settings, report }) {
      const findings = checkObject(resource, policySet(), index, { audit: false, namespaces: settings.policy?.namespaces ?? {}, wording: 'plain', params: options });
      for (const finding of findings) report({ messageId: 'violation', at: finding.at, data: { message: finding.message } });
    },
  });
}
