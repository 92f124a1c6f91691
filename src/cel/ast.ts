/** Walking the evaluator's parsed AST: field paths an expression selects, regex literals, `matches` calls. */

export interface AstNode {
  readonly op: string;
  readonly args: unknown;
  readonly start: number;
  readonly end: number;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).op === 'string' && 'args' in value;
}

/** Child nodes in source order (args of every operator are nodes, arrays of nodes, or names). */
function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const visit = (value: unknown): void => {
    if (isNode(value)) out.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
  };
  if (node.op !== 'value' && node.op !== 'id') visit(node.args);
  return out;
}

/** Macros whose leading identifier arguments are variables bound inside the call (they shadow outer names). */
const BINDING_MACROS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'transformList', 'transformMap', 'transformMapEntry', 'bind']);

/** Identifiers bound by a macro call node, e.g. `p` in `x.all(p, …)`, `k`, `v` in `m.all(k, v, …)`. */
function boundNames(node: AstNode): string[] {
  if (node.op !== 'rcall' && node.op !== 'call') return [];
  const args = node.args as unknown[];
  const name = args[0] as string;
  if (!BINDING_MACROS.has(name)) return [];
  const params = (node.op === 'rcall' ? args[2] : args[1]) as AstNode[];
  const twoVariables = name.startsWith('transform') || (params.length === 3 && ['all', 'exists', 'exists_one', 'existsOne'].includes(name));
  const ids = params.slice(0, twoVariables ? 2 : 1).filter((p) => p.op === 'id');
  return ids.map((p) => p.args as string);
}

/**
 * Field paths selected from `root`, outermost selections only, in source order, without repeats:
 * `object.spec.ports.all(p, p.port > 0)` gives [['spec', 'ports']]. A selection stops at an index that is
 * not a string literal; `root` used on its own gives []. Names shadowed by a macro variable are skipped.
 */
export function selectedPaths(ast: AstNode, root: string): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const { path } of reads(ast, root)) {
    const key = JSON.stringify(path);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(path);
    }
  }
  return out;
}

/** One selection from a root: its path, and whether the expression only tests its presence (`has(root.a.b)`). */
export interface Read {
  readonly path: string[];
  readonly presence: boolean;
  /** `'k' in root.a`: only whether the map at the path holds the key `k` is read (the path is then a presence read too). */
  readonly key?: string;
}

/**
 * Every selection of `root` in the expression, outermost first, in source order (with repeats): what
 * `selectedPaths` gives, each marked when it is the whole argument of `has()`, which reads no value.
 */
export function reads(ast: AstNode, root: string): Read[] {
  const out: Read[] = [];
  const visit = (node: AstNode, presence: boolean): void => {
    const chain = selection(node, root);
    if (chain !== undefined) {
      out.push({ path: chain.path, presence: presence && chain.indexes.length === 0 && chain.path.length > 0 });
      chain.indexes.forEach((index) => visit(index, false));
      return;
    }
    if (boundNames(node).includes(root)) {
      // Only the receiver (the range) still refers to the outer root.
      if (node.op === 'rcall') visit((node.args as unknown[])[1] as AstNode, false);
      return;
    }
    const lookup = keyLookup(node, root);
    if (lookup !== undefined) {
      out.push(lookup);
      return;
    }
    const tested = presenceTest(node);
    if (tested !== undefined) visit(tested, true);
    else children(node).forEach((child) => visit(child, false));
  };
  visit(ast, false);
  return out;
}

/** `'k' in root.a.b` (a string literal, a selection without computed index) as a read of the key alone. */
function keyLookup(node: AstNode, root: string): Read | undefined {
  if (node.op !== 'in') return undefined;
  const [key, container] = node.args as [AstNode, AstNode];
  if (key.op !== 'value' || typeof key.args !== 'string') return undefined;
  const chain = selection(container, root);
  if (chain === undefined || chain.indexes.length > 0) return undefined;
  return { path: chain.path, presence: true, key: key.args };
}

/** The selection `has(x.f)` tests, if `node` is such a call. */
function presenceTest(node: AstNode): AstNode | undefined {
  if (node.op !== 'call') return undefined;
  const [name, args] = node.args as [unknown, unknown];
  if (name !== 'has' || !Array.isArray(args) || args.length !== 1) return undefined;
  const [argument] = args as unknown[];
  return isNode(argument) && argument.op === '.' ? argument : undefined;
}

/** `root.a.b['c']…` → its path; index expressions that are not literals are returned to be walked too. */
function selection(node: AstNode, root: string): { path: string[]; indexes: AstNode[] } | undefined {
  const path: string[] = [];
  const indexes: AstNode[] = [];
  let current = node;
  for (;;) {
    if (current.op === '.' || current.op === '.?') {
      const [target, field] = current.args as [AstNode, string];
      path.unshift(field);
      current = target;
    } else if (current.op === '[]' || current.op === '[?]') {
      const [target, index] = current.args as [AstNode, AstNode];
      if (index.op === 'value' && typeof index.args === 'string') path.unshift(index.args);
      else {
        path.length = 0; // a computed index: keep only what precedes it
        indexes.push(index);
      }
      current = target;
    } else break;
  }
  if (current.op !== 'id' || current.args !== root) return undefined;
  return { path, indexes };
}

/** Calls with a string-literal pattern argument: `x.matches('…')`, `matches(x, '…')`, `x.find('…')`, `x.findAll('…')`. */
export function regexLiterals(ast: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const visit = (node: AstNode): void => {
    const args = node.args as unknown[];
    if (node.op === 'rcall' && ['matches', 'find', 'findAll'].includes(args[0] as string)) {
      const pattern = (args[2] as AstNode[])[0];
      if (pattern?.op === 'value' && typeof pattern.args === 'string') out.push(pattern);
    } else if (node.op === 'call' && args[0] === 'matches') {
      const pattern = (args[1] as AstNode[])[1];
      if (pattern?.op === 'value' && typeof pattern.args === 'string') out.push(pattern);
    }
    children(node).forEach(visit);
  };
  visit(ast);
  return out;
}

/**
 * Renames calls of built-in functions that this module replaces (`matches` → RE2, ASCII-only casing) to
 * the names their replacements are registered under: the evaluator refuses a second overload of a name.
 */
export function renameCalls(ast: AstNode, renames: Readonly<Record<string, string>>): void {
  const visit = (node: AstNode): void => {
    const args = node.args as unknown[];
    if (node.op === 'rcall' || node.op === 'call') {
      const to = renames[args[0] as string];
      if (to !== undefined) args[0] = to;
    }
    children(node).forEach(visit);
  };
  visit(ast);
}

/** A rewritten expression and the way back from its offsets to the original's. */
export interface Rewrite {
  readonly text: string;
  readonly originalOffset: (offset: number) => number;
}

/**
 * `has(x[0].f)`, a presence test below an index (Gateway API rules use it), is valid Kubernetes CEL that
 * the evaluator's `has` macro refuses: it only takes a selection rooted at a variable. On the maps CEL
 * sees for Kubernetes objects it means `'f' in x[0]`; this finds the first such call, outermost first.
 */
export function indexedHas(expression: string, ast: AstNode): Rewrite | undefined {
  let found: { call: AstNode; target: AstNode; field: string } | undefined;
  const visit = (node: AstNode): void => {
    if (found) return;
    const args = node.args as unknown[];
    if (node.op === 'call' && args[0] === 'has' && (args[1] as AstNode[]).length === 1) {
      const selection = (args[1] as AstNode[])[0]!;
      if (selection.op === '.') {
        let base = selection;
        while (base.op === '.' || base.op === '.?') base = (base.args as [AstNode, string])[0];
        if (base.op !== 'id') {
          const [target, field] = selection.args as [AstNode, string];
          found = { call: node, target, field };
          return;
        }
      }
    }
    children(node).forEach(visit);
  };
  visit(ast);
  if (!found) return undefined;
  const { call, target, field } = found;
  const prefix = `(${JSON.stringify(field)} in `;
  const inner = expression.slice(target.start, target.end);
  const text = `${expression.slice(0, call.start)}${prefix}${inner})${expression.slice(call.end)}`;
  const innerStart = call.start + prefix.length;
  const innerEnd = innerStart + inner.length;
  const shift = prefix.length + inner.length + 1 - (call.end - call.start);
  return {
    text,
    originalOffset: (offset) => {
      if (offset < call.start) return offset;
      if (offset >= innerStart && offset < innerEnd) return target.start + (offset - innerStart);
      if (offset <= innerEnd) return call.start;
      return offset - shift;
    },
  };
}
