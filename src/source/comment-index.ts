import { Parser, type CST } from 'yaml';
import type { SourceFile } from './types.js';

/** The comments of a file, found once (with the parser's token offsets, so `#` inside a string is no comment). */
export class CommentIndex {
  private comments: readonly CST.SourceToken[] | undefined;

  constructor(private readonly text: string) {}

  /** The comments (`# ...`) that start between two offsets, in order. */
  between(start: number, end: number): string[] {
    this.comments ??= [...new Parser().parse(this.text)].flatMap((token) => [...commentsIn(token)]).sort((a, b) => a.offset - b.offset);
    return this.comments.filter((c) => c.offset >= start && c.offset < end).map((c) => c.source.replace(/\r$/, ''));
  }
}

const byFile = new WeakMap<SourceFile, CommentIndex>();

/** The comment index of a file's current text, built on first use. */
export function commentsOf(file: SourceFile): CommentIndex {
  let comments = byFile.get(file);
  if (!comments) byFile.set(file, (comments = new CommentIndex(file.text)));
  return comments;
}

/** Every comment token in a CST token and those it holds. */
function* commentsIn(token: CST.Token | null | undefined): Generator<CST.SourceToken> {
  switch (token?.type) {
    case undefined:
      return;
    case 'comment':
      yield token;
      return;
    case 'document':
      yield* commentsInAll(token.start);
      yield* commentsIn(token.value);
      yield* commentsInAll(token.end);
      return;
    case 'doc-end':
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      yield* commentsInAll(token.end);
      return;
    case 'block-scalar':
      yield* commentsInAll(token.props);
      return;
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
      for (const item of token.items) {
        yield* commentsInAll(item.start);
        yield* commentsIn(item.key);
        yield* commentsInAll(item.sep);
        yield* commentsIn(item.value);
      }
      if (token.type === 'flow-collection') yield* commentsInAll(token.end);
      return;
    default:
      return; // other source tokens, directives, errors: no comment inside
  }
}

function* commentsInAll(tokens: readonly CST.Token[] | undefined): Generator<CST.SourceToken> {
  for (const token of tokens ?? []) yield* commentsIn(token);
}
