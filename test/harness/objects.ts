// Runs the engine on objects built in memory, without YAML: for values no YAML text could hold (or that
// would take long to parse), such as random shapes, 10,000-deep nesting or 40,000 resources.
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../../src/api/types.js';
import { resolveRuleConfigs } from '../../src/engine/options.js';
import { allRuleMetas, RULES } from '../../src/engine/registry.js';
import { runEngine } from '../../src/engine/run.js';
import { buildIndex } from '../../src/model/resource-index.js';
import { collectResources } from '../../src/model/resources.js';
import { loadValidators } from '../../src/model/schemas.js';
import type { Resource, ResourceIndex } from '../../src/model/types.js';
import { countLines } from '../../src/source/parse.js';
import type { SourceFile } from '../../src/source/types.js';

const SETTINGS = { defaultNamespace: 'default', strictReferences: false, nodePortRange: { min: 30000, max: 32767 }, kubernetesVersion: { major: 1, minor: 35 } } as const;

/** Every rule on (at least as a warning), with its default options. */
const EVERY_RULE_ON = resolveRuleConfigs(allRuleMetas(), Object.fromEntries(allRuleMetas().map((meta) => [meta.id, meta.defaultSeverity])), {});

/**
 * One in-memory file holding the objects as its documents. Positions cannot be found in it: every
 * finding falls back to line 1, which is all these tests need.
 */
export function objectsFile(objects: readonly unknown[], path = '/virtual/objects.yaml'): SourceFile {
  const [node] = parseAllDocuments('{}');
  return {
    path,
    text: '{}',
    lineCounter: countLines('{}'),
    documents: objects.map((value, index) => ({ index, value, node: node! })),
    problems: [],
    directives: [],
  };
}

export interface ObjectsRun {
  readonly diagnostics: Diagnostic[];
  readonly resources: readonly Resource[];
}

/** Lints the objects with every rule on; `wrapIndex` may decorate the index the rules see. */
export async function lintObjects(objects: readonly unknown[], options: { wrapIndex?: (index: ResourceIndex) => ResourceIndex; schema?: boolean } = {}): Promise<ObjectsRun> {
  const files = [objectsFile(objects)];
  const resources = collectResources(files, SETTINGS.defaultNamespace);
  const built = buildIndex(resources);
  const index = options.wrapIndex ? options.wrapIndex(built) : built;
  const validators = options.schema === false ? new Map() : await loadValidators(resources.map((r) => ({ apiVersion: r.apiVersion, kind: r.object['kind'] as string })));
  const { diagnostics } = runEngine({ cwd: '/virtual', files, index, rules: RULES, ruleConfigs: EVERY_RULE_ON, settings: SETTINGS, validators });
  return { diagnostics, resources };
}
