import { basename, isAbsolute, join, relative } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../api/types.js';
import { CONFIG_FILE_NAMES, findConfigFile, parseConfig } from '../config/load.js';
import { ConfigError, type ConfigFile } from '../config/types.js';
import { lintSources, prepare, type Prepared } from '../lint.js';
import { discoverFiles, ignoreMatcher, InputError, type IgnoreSet } from '../source/discover.js';
import { kustomizeLayout, type KustomizeLayout } from '../source/kustomize.js';
import { decodeSource, readSourceFile } from '../source/read.js';
import type { SourceFile } from '../source/types.js';

/** A configuration file that could not be used: where, and why. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  /** 1-based, when the problem has a position (invalid YAML). */
  readonly line: number;
  readonly column: number;
}

/** What one lint of the open documents found, with the files it read them from. */
export interface WorkspaceLint {
  /** Findings by file path, suppressed ones left out; every open manifest has an entry. */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** The parsed text each open document was linted as (for code actions and hover). */
  readonly files: ReadonlyMap<string, SourceFile>;
}

const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

/**
 * The manifests of a workspace, parsed once and kept up to date: files on disk (the folder and the
 * config's `context` globs, less its `ignorePatterns`), and over them the unsaved text of the
 * documents open in the editor. Linting reports on the open documents, with every other file as
 * context, as the CLI does with `context`. A file is parsed again only when its text changes.
 */
export class Workspace {
  private readonly disk = new Map<string, SourceFile>();
  private readonly open = new Map<string, { text: string; file?: SourceFile }>();
  private config: { path: string | undefined; baseDir: string; config: ConfigFile; prepared: Prepared };
  private configProblem: ConfigProblem | undefined;
  private kustomize: KustomizeLayout = kustomizeLayout([]);
  private ignored: (path: string) => boolean = () => false;

  /** `scan: false` reads no folder (no workspace was opened): only the open documents are linted. */
  constructor(
    private readonly root: string,
    private readonly options: { readonly scan: boolean },
  ) {
    this.config = { path: undefined, baseDir: root, config: {}, prepared: prepare({}, {}) };
  }

  /** The config file in use (found upward from the root), if any. */
  get configPath(): string | undefined {
    return this.config.path;
  }

  get problem(): ConfigProblem | undefined {
    return this.configProblem;
  }

  /** Reads the config and every manifest of the workspace. Call again when the config changes. */
  async load(): Promise<void> {
    this.loadConfig();
    const { baseDir, config } = this.config;
    const ignore: IgnoreSet[] = [{ baseDir, patterns: config.ignorePatterns ?? [] }];
    this.ignored = ignoreMatcher(ignore);
    const paths = new Set<string>();
    const folders = this.options.scan ? [this.root] : [];
    for (const pattern of [...folders, ...(config.context ?? []).map((p) => (isAbsolute(p) ? p : join(baseDir, p)))]) {
      try {
        for (const path of await discoverFiles([pattern], { cwd: this.root, ignore })) paths.add(path);
      } catch (error) {
        if (!(error instanceof InputError)) throw error; // a context glob that matches nothing is not an error
      }
    }
    for (const path of this.disk.keys()) if (!paths.has(path)) this.disk.delete(path);
    for (const path of paths) if (!this.disk.has(path)) this.disk.set(path, readSourceFile(path));
    this.kustomize = kustomizeLayout([...paths]);
  }

  /** Whether a path is the workspace's config file (or would be one, when created). */
  isConfigFile(path: string): boolean {
    return path === this.config.path || (CONFIG_FILE_NAMES as readonly string[]).includes(basename(path));
  }

  /** A file on disk was created, changed or deleted. Returns true when the config changed (then call `load`). */
  fileChanged(path: string, deleted: boolean): boolean {
    if (this.isConfigFile(path)) return true;
    const known = this.disk.has(path);
    if (deleted) {
      this.disk.delete(path);
    } else if (this.disk.has(path) || (this.options.scan && isManifestPath(path) && !this.ignored(path) && isInside(path, this.root))) {
      this.disk.set(path, readSourceFile(path));
    }
    // A kustomization changed, or a file it may list came or went.
    if (KUSTOMIZATION.test(basename(path)) || known !== this.disk.has(path)) this.kustomize = kustomizeLayout([...this.disk.keys()]);
    return false;
  }

  /** The editor's text for a document, linted instead of the file on disk until it is closed. */
  setText(path: string, text: string): void {
    const current = this.open.get(path);
    if (current?.text === text) return;
    this.open.set(path, { text });
    if (path === this.config.path) this.applyConfigText(text);
  }

  close(path: string): void {
    this.open.delete(path);
    if (path === this.config.path) this.loadConfig();
  }

  /** The open documents this workspace reports on: manifests, neither ignored nor the config. */
  lintedPaths(): string[] {
    return [...this.open.keys()].filter((path) => !this.isConfigFile(path) && !this.ignored(path));
  }

  /** Lints every open document against the whole workspace. */
  async lint(): Promise<WorkspaceLint> {
    const paths = this.lintedPaths().sort();
    const files = paths.map((path) => this.openFile(path));
    const openSet = new Set(paths);
    const context = [...this.disk.values()].filter((file) => !openSet.has(file.path));
    const output = await lintSources(files, this.config.prepared, this.root, { context, kustomize: this.kustomize });
    const diagnostics = new Map<string, Diagnostic[]>(paths.map((path) => [path, []]));
    for (const diagnostic of output.diagnostics) {
      if (diagnostic.suppressedBy === undefined) diagnostics.get(diagnostic.filePath)?.push(diagnostic);
    }
    return { diagnostics, files: new Map(files.map((file) => [file.path, file])) };
  }

  /** Lints a changed copy of one open document (for "fix all"), with the same context as `lint`. */
  async lintVariant(file: SourceFile): Promise<readonly Diagnostic[]> {
    const context = [...this.disk.values()].filter((f) => f.path !== file.path && !this.open.has(f.path));
    const others = this.lintedPaths()
      .filter((path) => path !== file.path)
      .map((path) => this.openFile(path));
    const output = await lintSources([file], this.config.prepared, this.root, { context: [...others, ...context], kustomize: this.kustomize });
    return output.diagnostics;
  }

  /** How many files the workspace holds (on disk, and open). */
  get size(): number {
    return new Set([...this.disk.keys(), ...this.open.keys()]).size;
  }

  private openFile(path: string): SourceFile {
    const entry = this.open.get(path)!;
    // As lintText does: the text goes through the same checks as a file's bytes (size limit, binary, encoding).
    entry.file ??= decodeSource(path, new TextEncoder().encode(entry.text));
    return entry.file;
  }

  private loadConfig(): void {
    const path = findConfigFile(this.root);
    if (path === undefined) {
      this.useConfig(undefined, {});
      return;
    }
    const open = this.open.get(path);
    let text: string;
    try {
      text = open?.text ?? readFileSync(path, 'utf8');
    } catch (error) {
      this.reject(path, new ConfigError(`Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`));
      return;
    }
    this.config = { ...this.config, path };
    this.applyConfigText(text);
  }

  /** A bad config is a problem to show on the config file; linting goes on with the last good one. */
  private applyConfigText(text: string): void {
    const path = this.config.path!;
    try {
      this.useConfig(path, parseConfig(text, path));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.reject(path, error);
    }
  }

  private useConfig(path: string | undefined, config: ConfigFile): void {
    const prepared = prepare(config, {});
    this.config = { path, baseDir: path === undefined ? this.root : join(path, '..'), config, prepared };
    this.configProblem = undefined;
  }

  private reject(path: string, error: ConfigError): void {
    this.config = { ...this.config, path };
    // `<path>:<line>:<column>: message` or `<path>: message`
    const rest = error.message.startsWith(path) ? error.message.slice(path.length) : `: ${error.message}`;
    const match = /^:(\d+):(\d+): (.*)$/s.exec(rest);
    this.configProblem = match ? { path, line: Number(match[1]), column: Number(match[2]), message: match[3]! } : { path, line: 1, column: 1, message: rest.replace(/^: /, '') };
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}
