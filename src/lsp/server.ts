import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../api/types.js';
import { packageVersion } from '../util/package-root.js';
import { codeActions, FIX_ALL_KIND } from './actions.js';
import { pathToUri, SOURCE, toLspDiagnostic, uriToPath } from './convert.js';
import { hoverAt } from './hover.js';
import { Workspace, type WorkspaceLint } from './workspace.js';

/** Milliseconds of quiet after a keystroke before linting; the client may set `initializationOptions.debounceMs`. */
export const DEFAULT_DEBOUNCE_MS = 30;

/**
 * The language server: lints the open manifests as they are typed, with the rest of the workspace
 * as context, and publishes findings for every open document whose findings changed. Nothing the
 * user types or saves stops it: a failure is logged and the server carries on.
 */
export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let workspace = new Workspace(process.cwd(), { scan: false });
  let ready: Promise<void> = Promise.resolve();
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let last: WorkspaceLint | undefined;
  const published = new Map<string, string>();
  const uris = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  const uriOf = (path: string): string => uris.get(path) ?? pathToUri(path);
  const tracked = (document: TextDocument): boolean => ['yaml', 'json'].includes(document.languageId) || /\.(ya?ml|json)$/i.test(uriToPath(document.uri));
  const guard =
    <A extends unknown[], R>(what: string, fallback: R, handler: (...args: A) => Promise<R> | R) =>
    async (...args: A): Promise<R> => {
      try {
        return await handler(...args);
      } catch (error) {
        connection.console.error(`k8s-svc-lint: ${what} failed: ${(error as Error)?.stack ?? String(error)}`);
        return fallback;
      }
    };

  const lintNow = guard('lint', undefined, async () => {
    await ready;
    const result = await workspace.lint();
    last = result;
    for (const [path, found] of result.diagnostics)
      publish(
        uriOf(path),
        found.map((d) => toLspDiagnostic(d, uriOf)),
      );
    // A document no longer linted (now ignored by the config, or now the config file itself) keeps no old findings.
    for (const uri of published.keys()) {
      if (uri !== configUri && !result.diagnostics.has(uriToPath(uri))) publish(uri, []);
    }
    publishConfigProblem();
  });
  /** Runs one lint after the ones already queued: lints never overlap, and a request can wait for the latest. */
  const flush = (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      queue = queue.then(lintNow);
    }
    return queue;
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      queue = queue.then(lintNow);
    }, debounceMs);
  };

  /** Sends a document's findings when they differ from those it last got. */
  function publish(uri: string, diagnostics: LspDiagnostic[]): void {
    const key = JSON.stringify(diagnostics);
    if (published.get(uri) === key) return;
    published.set(uri, key);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  let configUri: string | undefined;
  function publishConfigProblem(): void {
    const problem = workspace.problem;
    if (configUri !== undefined && configUri !== (problem && uriOf(problem.path))) publish(configUri, []);
    if (!problem) return;
    configUri = uriOf(problem.path);
    const position = { line: problem.line - 1, character: problem.column - 1 };
    publish(configUri, [
      {
        range: { start: position, end: { line: position.line + 1, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'config',
        message: `${problem.message} (linting goes on with the last valid configuration)`,
      },
    ]);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = folder ? uriToPath(folder) : (params.rootPath ?? undefined);
    if (root) workspace = new Workspace(root, { scan: true });
    const options = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof options?.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    const watch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    connection.onInitialized(() => {
      ready = workspace.load().catch((error: unknown) => connection.console.error(`k8s-svc-lint: loading the workspace failed: ${String(error)}`));
      if (watch) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/Kustomization' }],
        });
      }
      schedule();
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: 'k8s-svc-lint', version: packageVersion() },
    };
  });

  documents.onDidChangeContent(
    guard('change', undefined, ({ document }) => {
      if (!tracked(document)) return;
      const path = uriToPath(document.uri);
      uris.set(path, document.uri);
      workspace.setText(path, document.getText());
      schedule();
    }),
  );
  documents.onDidClose(
    guard('close', undefined, ({ document }) => {
      const path = uriToPath(document.uri);
      workspace.close(path);
      uris.delete(path);
      if (published.has(document.uri) && document.uri !== configUri) {
        published.delete(document.uri);
        void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      }
      schedule(); // the file on disk is context again: other open files may read it
    }),
  );
  connection.onDidChangeWatchedFiles(
    guard('file change', undefined, async ({ changes }) => {
      await ready;
      let configChanged = false;
      for (const change of changes) {
        if (!change.uri.startsWith('file:')) continue;
        if (workspace.fileChanged(uriToPath(change.uri), change.type === FileChangeType.Deleted)) configChanged = true;
      }
      if (configChanged) await (ready = workspace.load());
      schedule();
    }),
  );

  connection.onCodeAction(
    guard('code action', [], async ({ textDocument, range, context }) => {
      await flush();
      const path = uriToPath(textDocument.uri);
      const file = last?.files.get(path);
      const document = documents.get(textDocument.uri);
      if (!file || !document || file.text !== document.getText()) return [];
      return codeActions({
        uri: textDocument.uri,
        file,
        diagnostics: last!.diagnostics.get(path) ?? [],
        range,
        ...(context.only ? { only: context.only } : {}),
        uriOf,
        relint: (changed) => workspace.lintVariant(changed),
      });
    }),
  );
  connection.onHover(
    guard('hover', null, async ({ textDocument, position }) => {
      await flush();
      const found: readonly Diagnostic[] = last?.diagnostics.get(uriToPath(textDocument.uri)) ?? [];
      return hoverAt(found, position);
    }),
  );
  connection.onShutdown(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  });

  documents.listen(connection);
  connection.listen();
}
