import type { Document, LineCounter } from 'yaml';

/** Findings the source stage makes itself, before any rule runs. */
export type SourceProblemId = 'yaml-syntax' | 'duplicate-key' | 'helm-template' | 'file-unreadable';

export interface SourceProblem {
  readonly ruleId: SourceProblemId;
  readonly message: string;
  /** Offsets into the file text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The problem stopped its document (or the file) from being linted. */
  readonly fatal: boolean;
}

/** Offsets into a file's text, end exclusive. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface SourceDocument {
  /** 0-based position of the document in its stream. */
  readonly index: number;
  /** The plain value, as Kubernetes' decoder sees it (YAML 1.1 scalars). */
  readonly value: unknown;
  /** Where the document is in the file's text, when the fast reader read it: positions are then found by scanning it where it is plain block style (block-locator.ts). */
  readonly span?: Range;
  /** The syntax tree, for positions: only the recently used ones are kept, others parsed again (this document only, for files the fast reader read). */
  readonly node: Document.Parsed;
}

export interface Directive {
  readonly kind: 'disable-next-line' | 'disable-line' | 'disable';
  /** Rule ids; empty means every rule. */
  readonly ruleIds: readonly string[];
  /** The text after ` -- `, or ''. */
  readonly justification: string;
  /** 1-based lines the directive covers, inclusive. */
  readonly fromLine: number;
  readonly toLine: number;
  /** Where the comment itself is: its 1-based line and columns (for an unused directive's report). */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

export interface SourceFile {
  /** The path as shown to the user (relative to the working directory where possible, `<stdin>` for stdin). */
  readonly path: string;
  /** The decoded text, without a byte order mark. */
  readonly text: string;
  /** The file began with a UTF-8 byte order mark (kept when a fix writes the file). */
  readonly bom?: boolean;
  /** Line starts, counted on first use. */
  readonly lineCounter: LineCounter;
  /** Documents without fatal problems, in stream order. */
  readonly documents: readonly SourceDocument[];
  readonly problems: readonly SourceProblem[];
  readonly directives: readonly Directive[];
}
