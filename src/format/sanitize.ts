/**
 * Text from the input (names, labels, file names, config keys) meets an output here, one function
 * per kind of output. Manifests, file names and config may be written by whoever opened the pull
 * request, so each output gets only text that cannot change what the output does: no terminal
 * control sequences, no line that starts a workflow command, no HTML or Markdown links and images,
 * no Mermaid directives. Every function is one linear pass (no backtracking regex).
 */

/** C0 and C1 control characters, DEL, and the Unicode line separators and bidi overrides. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for a terminal or a CI log, inside a line: line breaks and tabs become spaces, every other
 * control character a visible escape (`\x1b`), so no escape sequence reaches the terminal and no value
 * starts a new line. `##[`, which the Actions runner reads as a command anywhere in a line, is broken up.
 */
export function terminalText(text: string): string {
  return joinLines(text)
    .replace(CONTROL, (c) => (c === '\n' || c === '\r' || c === '\t' || c === '\u2028' || c === '\u2029' ? ' ' : hex(c)))
    .replaceAll('##[', '#\\#[');
}

/**
 * The lines of a text joined with one space, the white space around each break dropped (trimming each
 * line: linear, where a regex like `\s*\n\s*` backtracks on long runs of spaces).
 */
function joinLines(text: string): string {
  if (!/[\r\n\u2028\u2029]/.test(text)) return text;
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/);
  return lines.map((line, i) => (i === 0 ? line.trimEnd() : i === lines.length - 1 ? line.trimStart() : line.trim())).join(' ');
}

/**
 * A whole report for a terminal or a CI log: no line may start a workflow command (`::warning …`),
 * which the Actions runner runs from any log line starting with `::` (after white space).
 */
export function terminalLines(report: string): string {
  return report.replace(/^([ \t]*)::/gm, '$1\\::');
}

/** Text for stderr, line by line: each line terminal text, none starting a workflow command. */
export function terminalReport(text: string): string {
  return terminalLines(text.split('\n').map(terminalText).join('\n'));
}

/** Escaping as the Actions runner expects in a workflow command's message (toolkit `escapeData`). */
export function workflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property (toolkit `escapeProperty`). */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-!|~^$=:"'<>&]/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };
/** In Markdown a backtick is written as its entity: it then cannot open or close a code span. */
const MARKDOWN_ENTITIES: Readonly<Record<string, string>> = { ...HTML_ENTITIES, '`': '&#96;' };

/**
 * Text in Markdown (a job summary, a pull-request comment): no HTML, no emphasis, headings, links
 * or images, and no autolinks or mentions (`https://…`, `www.…`, `@user`), which GitHub makes of
 * bare text. Rendered, it reads exactly as the input wrote it.
 */
export function markdownText(text: string): string {
  return plainLine(text)
    .replace(MARKDOWN_PUNCTUATION, (c) => MARKDOWN_ENTITIES[c] ?? `\\${c}`)
    .replace(/\/\//g, '/\u200b/')
    .replace(/www\./gi, (w) => `${w.slice(0, 3)}\u200b.`)
    .replace(/@/g, '@\u200b');
}

/**
 * A name as a Markdown code span, safe inside a table cell: a fence longer than any run of backticks
 * in it, `|` escaped (GFM splits table cells first).
 */
export function markdownCode(text: string): string {
  // A code span shows its text as written, references included: `##[`, which the Actions runner reads
  // as a command anywhere in a log line, gets an invisible break instead.
  const line = plainLine(text).replaceAll('##[', '#\u200b#[');
  let longest = 0;
  let run = 0;
  for (const c of line) {
    run = c === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
  return `${fence}${pad}${line.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** One line with no control characters: what every Markdown and Mermaid value starts from. */
function plainLine(text: string): string {
  return joinLines(text).replace(CONTROL, (c) => (c === '\n' || c === '\r' || c === '\t' || c === '\u2028' || c === '\u2029' ? ' ' : '\ufffd'));
}

const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '%': '#37;',
  '`': '#96;',
  '{': '#123;',
  '}': '#125;',
};

/**
 * Text inside a quoted Mermaid label (or a `%%` comment): Mermaid's own markup characters as its
 * entities, so a value cannot close the label, start a directive (`%%{init: …}%%`, read anywhere in
 * the chart) or a Markdown string (`` "`…`" ``), or end the surrounding code block.
 */
export function mermaidText(text: string): string {
  return plainLine(text).replace(/[#"<>&%`{}]/g, (c) => MERMAID_ENTITIES[c]!);
}

/**
 * Text in HTML, in element content or a quoted attribute. Line breaks become character references and
 * other control characters U+FFFD, so the page's source, printed to a log, has no line of the input's.
 */
export function htmlText(text: string): string {
  return text
    .replace(/[<>&"']/g, (c) => HTML_ENTITIES[c]!)
    .replace(CONTROL, (c) => (c === '\n' ? '&#10;' : c === '\r' ? '&#13;' : c === '\t' ? '\t' : '\ufffd'))
    .replaceAll('##[', '#&#35;[');
}

/**
 * A relative SARIF artifact URI: each path segment percent-encoded (RFC 3986 unreserved characters
 * kept), so a file name cannot carry a scheme, a query or a fragment.
 */
export function sarifUri(relativePath: string): string {
  return relativePath
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** A value quoted in an error message about config or input: JSON-quoted, shortened, terminal-safe. */
export function quoteValue(value: unknown, max = 80): string {
  let text: string;
  try {
    text = JSON.stringify(typeof value === 'string' && value.length > max ? `${value.slice(0, max)}…` : value) ?? String(value);
  } catch {
    text = String(value);
  }
  return terminalText(text.length > max + 8 ? `${text.slice(0, max)}…` : text);
}
