import type { KubernetesVersion } from '../apiserver/version.js';
import type { KindName } from '../model/kinds.js';
import type { Resource, ResourceIndex } from '../model/types.js';
import type { PolicySettings } from '../policy/settings.js';
import type { FieldPath } from '../util/field-path.js';

// Defined in a leaf module so that source, model and k8s need not import this one (no import cycle).
export type { FieldPath };

export type Severity = 'warn' | 'error';
export type SeverityOrOff = Severity | 'off';

export type RuleCategory =
  'source' | 'schema' | 'resource' | 'service' | 'nodeport' | 'externalname' | 'headless' | 'aws' | 'networkpolicy' | 'ingress' | 'gateway' | 'api' | 'policy';

/**
 * The JSON Schema of a rule's options of type `O` (any schema where the options type is not known): an
 * object schema with `additionalProperties: false` whose `properties` are exactly the keys of `O`, each
 * with the JSON type of its TypeScript type, so that the schema and `defaultOptions` cannot drift apart.
 * Other keywords (`description`, `minItems`, …) are free. (ajv's `JSONSchemaType` would also demand
 * `required` and `nullable`, which the options a user writes, merged over the defaults, do not have.)
 */
export type OptionsSchema<O> = unknown extends O
  ? Readonly<Record<string, unknown>>
  : {
      readonly type: 'object';
      readonly additionalProperties: false;
      readonly properties: { readonly [K in keyof O]-?: PropertySchema<O[K]> & { readonly [keyword: string]: unknown } };
    };

type PropertySchema<T> = [T] extends [boolean]
  ? { readonly type: 'boolean' }
  : [T] extends [number]
    ? { readonly type: 'integer' | 'number' }
    : [T] extends [string]
      ? { readonly type: 'string' } | { readonly enum: readonly T[] }
      : [T] extends [readonly (infer I)[]]
        ? { readonly type: 'array'; readonly items: PropertySchema<I> }
        : { readonly type: 'object' };

export interface RuleMeta<M extends string = string, O = unknown> {
  /** Kebab-case id; equals the rule's file name. */
  readonly id: string;
  readonly description: string;
  /** One sentence telling the user what to change. Ends with a period. */
  readonly remediation: string;
  readonly category: RuleCategory;
  /** error: the API server rejects it or traffic cannot flow; warn: very likely wrong. */
  readonly defaultSeverity: Severity;
  /** `{{name}}` placeholders are filled from the report's data. */
  readonly messages: Readonly<Record<M, string>>;
  /**
   * Message ids for lesser problems of an `error` rule: they are reported as warnings (setting the
   * rule to `warn` makes every message a warning).
   */
  readonly warnings?: readonly NoInfer<M>[];
  /** Kinds the engine calls `check` for (names of `src/model/kinds.ts`, so a typo does not compile); `'*'` means every resource. */
  readonly kinds: readonly (KindName | '*')[];
  /**
   * JSON Schema of the options object (`additionalProperties: false`), or null for no options. Typed
   * against the options (ajv's `JSONSchemaType`), so the schema and `defaultOptions` cannot drift apart.
   */
  readonly schema: OptionsSchema<NoInfer<O>> | null;
  readonly defaultOptions: O;
  /** Reads other resources through the index. */
  readonly crossResource?: boolean;
  /** Off unless the config turns it on (a policy that only some teams want); then at defaultSeverity. */
  readonly optIn?: boolean;
  /** Some of the rule's reports carry a `fix` (`--fix`). */
  readonly fixable?: boolean;
}

/** A plain value a fix writes: what a YAML or JSON manifest can hold. */
export type FixValue = string | number | boolean | null | readonly FixValue[] | { readonly [key: string]: FixValue };

/**
 * One edit of a fix, as data: rules never touch text. Paths are relative to the resource and name the
 * resource as it is before the fix; the operations are applied in order, so a `rename` comes after
 * the edits of the renamed key's value.
 * - `set`: the value at `at` becomes `value`; a missing key is added (and missing parent maps with it),
 *   last in its map unless `place` says otherwise (`first`, or after a sibling key when it is there).
 * - `delete`: the key at `at` goes, with its value.
 * - `rename`: the key at `at` becomes `to`, its value and position unchanged.
 */
export type FixOperation =
  | { readonly op: 'set'; readonly at: FieldPath; readonly value: FixValue; readonly place?: 'first' | 'last' | { readonly after: string } }
  | { readonly op: 'delete'; readonly at: FieldPath }
  | { readonly op: 'rename'; readonly at: FieldPath; readonly to: string };

/**
 * A report's values for its message: `{{name}}` shows a value; `{{#name}}…{{/name}}` keeps its text only
 * when `name` is given (not `undefined` or `false`), `{{^name}}…{{/name}}` only when it is not. See
 * `src/engine/interpolate.ts`.
 */
export type MessageData = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ReportDescriptor<M extends string> {
  readonly messageId: M;
  /** Path relative to the resource root; a missing path falls back to its closest existing parent. */
  readonly at: FieldPath;
  /** Which token to point at: the value (default) or the key of the last path segment. */
  readonly target?: 'key' | 'value';
  /**
   * A place inside a string value, such as one setting in a config file held in a `|` block:
   * 0-based line and column of the decoded string. Exact for literal blocks; other strings fall back
   * to the whole value.
   */
  readonly inValue?: { readonly line: number; readonly column: number; readonly length: number };
  readonly data?: MessageData;
  /**
   * The edits that resolve this report, applied by `--fix`. Offer one only when the result is what the
   * user means beyond doubt and the cluster would behave the same (or the object was refused before).
   */
  readonly fix?: readonly FixOperation[];
  /**
   * Edits the user may choose, ESLint's `suggest`: a "did you mean" that is likely but not certain.
   * Editors offer them as code actions; `--fix` never applies them.
   */
  readonly suggest?: readonly SuggestionDescriptor[];
  /** The other end of a cross-resource finding (the Service, the workload, the taken nodePort), for editors. */
  readonly related?: readonly RelatedDescriptor[];
  /**
   * The reference this report judged broken, as data: what the topology graph draws as a broken edge.
   * Give it on every report about one reference, whatever the message.
   */
  readonly reference?: JudgedReference;
}

/** An object by identity, whether or not the input holds it. */
export interface ObjectRef {
  readonly kind: string;
  /** `''` for cluster-scoped kinds. */
  readonly namespace: string;
  readonly name: string;
}

/** A resource of the input: its identity, its file (as parsed) and its document's 0-based position in that file. */
export interface ResourceRef extends ObjectRef {
  readonly filePath: string;
  readonly document: number;
  /** Its 0-based position in `items` when the document is a `kind: List`. */
  readonly item?: number;
}

/** What is wrong with the object a reference names. */
export type ReferenceProblem =
  /** No such object. */
  | 'missing'
  /** The object exists; the port the reference names does not. */
  | 'port-missing'
  /** The reference names no port and needs one. */
  | 'port-required'
  /** A cross-namespace reference that no ReferenceGrant permits, or a parent that does not admit it. */
  | 'not-permitted'
  /** The reference itself is malformed, so it names nothing. */
  | 'invalid';

/**
 * A reference a rule judged broken.
 * - `object`: a reference to a named object (an Ingress or route backend's Service, a route's Gateway), written at `at`.
 * - `pods`: a Service's selector (`at` the selector) or one of its ports (`at` the port entry) that no selected pod serves.
 * - `default-deny`: the namespace's default-deny NetworkPolicy, missing or not denying.
 */
export type JudgedReference =
  | { readonly to: 'object'; readonly at: FieldPath; readonly target: ObjectRef; readonly problem: ReferenceProblem }
  | { readonly to: 'pods'; readonly at: FieldPath; readonly problem: 'none-selected' | 'port-missing' | 'invalid' }
  | { readonly to: 'default-deny'; readonly namespace: string };

export interface SuggestionDescriptor {
  /** What choosing it does, e.g. "Rename to `service.beta.kubernetes.io/aws-load-balancer-type`". */
  readonly desc: string;
  readonly fix: readonly FixOperation[];
}

export interface RelatedDescriptor {
  /** The other resource, held in the input. */
  readonly resource: Resource;
  /** Path inside that resource; its `metadata.name` when absent. */
  readonly at?: FieldPath;
  readonly message: string;
}

export interface Settings {
  readonly defaultNamespace: string;
  /**
   * Report a reference even when the input holds nothing of the referenced kind in its namespace.
   * Off by default: the input may be partial (one file, a pre-commit run), and then silence is right.
   */
  readonly strictReferences: boolean;
  readonly nodePortRange: { readonly min: number; readonly max: number };
  /** The Kubernetes release whose API server verdicts the checks follow (`kubernetesVersion`). */
  readonly kubernetesVersion: KubernetesVersion;
  /** Config `policies:` written in the short form, and `namespaces:` labels, for the policy checker. */
  readonly policy?: PolicySettings;
  /** The bundled Gateway API release whose CRDs validate Gateway API resources; the newest when unset. */
  readonly gatewayAPIVersion?: string;
}

/** A schema error translated to a path inside the resource. */
export interface SchemaError {
  readonly path: FieldPath;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message: string;
}

export interface RuleContext<M extends string, O> {
  readonly options: Readonly<O>;
  readonly settings: Settings;
  readonly index: ResourceIndex;
  // Function properties, not methods: rules destructure them (`check(svc, { report })`).
  /** Where another resource is, for messages: `file:line`. */
  readonly locationOf: (resource: Resource) => string;
  /** Schema errors of a resource from its kubernetes-models validator; undefined if the kind has none. */
  readonly schemaErrors: (resource: Resource) => readonly SchemaError[] | undefined;
  readonly report: (descriptor: ReportDescriptor<M>) => void;
  /** Where references that could not be judged are noted (`canJudgeReferences` in src/k8s/references.ts does). */
  readonly unjudged: UnjudgedReferences;
}

/** The engine's record of references the input did not let a rule judge, shown by `--verbose`. */
export interface UnjudgedReferences {
  /** `reason` completes "references into `namespace` are not judged: …". */
  add(namespace: string, reason: string): void;
}

export interface RuleModule<M extends string = string, O = unknown> {
  readonly meta: RuleMeta<M, O>;
  check(resource: Resource, context: RuleContext<M, O>): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own options type
export type AnyRule = RuleModule<string, any>;

/** Infers message ids and options from the literal and freezes the rule. */
export function defineRule<M extends string, O = Record<string, never>>(rule: RuleModule<M, O>): RuleModule<M, O> {
  return Object.freeze({ ...rule, meta: Object.freeze(rule.meta) });
}

/**
 * A report function whose reports judge `reference` unless they say otherwise: for the findings of a
 * rule about one reference (a backend), whatever their message.
 */
export function reportingOn<M extends string>(report: (descriptor: ReportDescriptor<M>) => void, reference: JudgedReference): (descriptor: ReportDescriptor<M>) => void {
  return (descriptor) => report({ reference, ...descriptor });
}

/** One finding, positioned in a file. Projected to ESLint's LintMessage by the output stage. */
export interface Diagnostic {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: 1 | 2;
  readonly filePath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The resource kind, when the finding is about a resource. */
  readonly nodeType: string | null;
  /** The resource the finding is about; null for findings of the source stage (a file, not a resource). */
  readonly resource: ResourceRef | null;
  /** The broken reference the finding judged (see `ReportDescriptor.reference`). */
  readonly reference?: JudgedReference;
  /** True for findings that stopped a document from being linted (YAML syntax errors). */
  readonly fatal?: boolean;
  /** Set when a directive or annotation suppressed the finding. */
  readonly suppressedBy?: 'directive' | 'annotation';
  /** Why it was suppressed: the directive's text after ` -- `, or the annotation's reason or value. */
  readonly justification?: string;
  /** The report's fix: which document of the file, and the operations with paths from the document root. */
  readonly fix?: DiagnosticFix;
  /** The report's suggestions, with paths from the document root like `fix`. */
  readonly suggestions?: readonly DiagnosticSuggestion[];
  /** Where the other resources of a cross-resource finding are. */
  readonly related?: readonly RelatedLocation[];
}

export interface DiagnosticSuggestion {
  readonly desc: string;
  readonly fix: DiagnosticFix;
}

export interface RelatedLocation {
  readonly filePath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

export interface DiagnosticFix {
  /** The document's 0-based position in its stream (`SourceDocument.index`). */
  readonly document: number;
  readonly operations: readonly FixOperation[];
}
