import type {
  AnyRule,
  Diagnostic,
  DiagnosticFix,
  FixOperation,
  RelatedDescriptor,
  RelatedLocation,
  ReportDescriptor,
  ResourceRef,
  RuleContext,
  RuleMeta,
  SchemaError,
  Settings,
} from '../api/types.js';
import { validatorKey, type SchemaValidator } from '../model/schemas.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import { locate, toPosition } from '../source/locate.js';
import type { SourceFile } from '../source/types.js';
import { displayPath } from '../util/paths.js';
import { interpolate } from './interpolate.js';
import type { RuleConfig } from './options.js';
import { SOURCE_RULES } from './source-rules.js';
import { annotationCovers, coveringDirective, ignoredByAnnotation, type IgnoreAnnotation } from './suppress.js';
import { UnjudgedCollector, type Unjudged } from './unjudged.js';

export interface EngineInput {
  readonly cwd: string;
  /** The files reported on. The index may also hold resources of context files, read but not reported on. */
  readonly files: readonly SourceFile[];
  readonly index: ResourceIndex;
  readonly rules: readonly AnyRule[];
  readonly ruleConfigs: ReadonlyMap<string, RuleConfig>;
  readonly settings: Settings;
  readonly validators: ReadonlyMap<string, SchemaValidator>;
}

export interface EngineOutput {
  readonly diagnostics: Diagnostic[];
  /** Milliseconds each enabled rule took, over all resources. */
  readonly ruleTimes: ReadonlyMap<string, number>;
  /** Where the rules could not judge references, and why, sorted (what `--verbose` shows). */
  readonly unjudged: readonly Unjudged[];
}

/** Runs every enabled rule over every resource of its kinds, plus the source findings; suppressed findings are marked. */
export function runEngine(input: EngineInput): EngineOutput {
  const diagnostics: Diagnostic[] = [];
  // Only when context files were loaded: then resources of other files are read, not checked.
  const reportedFiles = new Set(input.files);
  const reported = input.index.all.some((r) => !reportedFiles.has(r.file)) ? reportedFiles : undefined;
  // With context, the resources reported on are few (an editor's open files among a whole repository): group them once.
  const reportedByKind = reported && groupByKind(input.index.all.filter((resource) => reported.has(resource.file)));
  const ruleTimes = new Map<string, number>();
  const unjudged = new UnjudgedCollector();
  for (const file of input.files) {
    for (const problem of file.problems) {
      const severity = input.ruleConfigs.get(problem.ruleId)?.severity ?? 2;
      if (severity === 0) continue;
      const meta = SOURCE_RULES[problem.ruleId];
      diagnostics.push(
        suppressed(file, undefined, {
          ruleId: meta.id,
          messageId: 'problem',
          message: problem.message,
          severity,
          filePath: file.path,
          ...toPosition(file, problem),
          nodeType: null,
          resource: null,
          ...(problem.fatal ? { fatal: true } : {}),
        }),
      );
    }
  }

  const schemaCache = new WeakMap<Resource, readonly SchemaError[] | undefined>();
  const schemaErrors = (resource: Resource): readonly SchemaError[] | undefined => {
    if (!schemaCache.has(resource)) {
      schemaCache.set(resource, input.validators.get(validatorKey(resource.apiVersion, resource.object['kind'] as string))?.(resource.object));
    }
    return schemaCache.get(resource);
  };
  const locationOf = (resource: Resource): string => {
    const range = locate(resource.file, resource.document, [...resource.basePath, 'metadata', 'name']);
    return `${displayPath(input.cwd, resource.file.path)}:${toPosition(resource.file, range).line}`;
  };

  for (const rule of input.rules) {
    const config = input.ruleConfigs.get(rule.meta.id);
    if (!config || config.severity === 0) continue;
    const everyKind = rule.meta.kinds.includes('*');
    const candidates = reportedByKind
      ? everyKind
        ? reportedByKind.all
        : rule.meta.kinds.flatMap((kind) => reportedByKind.ofKind.get(kind) ?? [])
      : everyKind
        ? input.index.all
        : rule.meta.kinds.flatMap((kind) => input.index.ofKind(kind));
    // A kustomize base built in several namespaces is checked once, at its first object.
    const targets = candidates.filter((resource) => !resource.copy);
    let current: Resource | undefined;
    const context: RuleContext<string, unknown> = {
      options: config.options as Readonly<unknown>,
      settings: input.settings,
      index: input.index,
      locationOf,
      schemaErrors,
      unjudged,
      report: (descriptor) => diagnostics.push(toDiagnostic(rule.meta, config.severity as 1 | 2, current!, descriptor)),
    };
    const start = performance.now();
    for (const resource of targets) {
      current = resource;
      try {
        rule.check(resource, context);
      } catch (error) {
        diagnostics.push(crashDiagnostic(rule.meta, resource, error));
      }
    }
    ruleTimes.set(rule.meta.id, performance.now() - start);
  }
  return { diagnostics, ruleTimes, unjudged: unjudged.list() };
}

function groupByKind(resources: readonly Resource[]): { all: readonly Resource[]; ofKind: Map<string, Resource[]> } {
  const ofKind = new Map<string, Resource[]>();
  for (const resource of resources) {
    const list = ofKind.get(resource.kind);
    if (list) list.push(resource);
    else ofKind.set(resource.kind, [resource]);
  }
  return { all: resources, ofKind };
}

function toDiagnostic(meta: RuleMeta, severity: 1 | 2, resource: Resource, descriptor: ReportDescriptor<string>): Diagnostic {
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
  const range = locate(resource.file, resource.document, [...resource.basePath, ...descriptor.at], descriptor.target, descriptor.inValue);
  return suppressed(resource.file, resource, {
    ruleId: meta.id,
    messageId: descriptor.messageId,
    message: interpolate(template, descriptor.data),
    severity: meta.warnings?.includes(descriptor.messageId) ? 1 : severity,
    filePath: resource.file.path,
    ...toPosition(resource.file, range),
    nodeType: resource.kind,
    resource: resourceRef(resource),
    ...(descriptor.reference ? { reference: descriptor.reference } : {}),
    ...(descriptor.fix?.length ? { fix: documentFix(resource, descriptor.fix) } : {}),
    ...(descriptor.suggest?.length ? { suggestions: descriptor.suggest.map((s) => ({ desc: s.desc, fix: documentFix(resource, s.fix) })) } : {}),
    ...(descriptor.related?.length ? { related: descriptor.related.map(relatedLocation) } : {}),
  });
}

function resourceRef(resource: Resource): ResourceRef {
  const item = resource.basePath[0] === 'items' ? resource.basePath[1] : undefined;
  return {
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
    filePath: resource.file.path,
    document: resource.document.index,
    ...(typeof item === 'number' ? { item } : {}),
  };
}

function relatedLocation({ resource, at, message }: RelatedDescriptor): RelatedLocation {
  const range = locate(resource.file, resource.document, [...resource.basePath, ...(at ?? ['metadata', 'name'])]);
  return { filePath: resource.file.path, ...toPosition(resource.file, range), message };
}

/** A fix with paths from the document root (inside a `kind: List`, under its item). */
function documentFix(resource: Resource, operations: readonly FixOperation[]): DiagnosticFix {
  if (resource.basePath.length === 0) return { document: resource.document.index, operations };
  return { document: resource.document.index, operations: operations.map((op) => ({ ...op, at: [...resource.basePath, ...op.at] })) };
}

/** A rule that throws must not take the run down: its failure becomes a finding on the resource. */
function crashDiagnostic(meta: RuleMeta, resource: Resource, error: unknown): Diagnostic {
  const range = locate(resource.file, resource.document, [...resource.basePath, 'metadata', 'name']);
  return {
    ruleId: meta.id,
    messageId: 'crash',
    message: `Rule ${meta.id} failed on this ${resource.kind} (${(error as Error)?.message ?? String(error)}); please report this with the manifest`,
    severity: 2,
    filePath: resource.file.path,
    ...toPosition(resource.file, range),
    nodeType: resource.kind,
    resource: resourceRef(resource),
    fatal: true,
  };
}

const annotationCache = new WeakMap<Resource, IgnoreAnnotation>();

function suppressed(file: SourceFile, resource: Resource | undefined, diagnostic: Diagnostic): Diagnostic {
  if (resource) {
    let ignored = annotationCache.get(resource);
    if (!ignored) annotationCache.set(resource, (ignored = ignoredByAnnotation(resource)));
    if (annotationCovers(ignored, diagnostic.ruleId)) return { ...diagnostic, suppressedBy: 'annotation', justification: ignored.justification };
  }
  const directive = file.directives.length > 0 ? coveringDirective(file, diagnostic) : undefined;
  return directive ? { ...diagnostic, suppressedBy: 'directive', justification: directive.justification } : diagnostic;
}
