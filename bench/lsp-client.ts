// A small Language Server Protocol client for the tests and the benchmark: spawns
// `k8s-svc-lint lsp --stdio` and speaks JSON-RPC with Content-Length framing over its stdin and
// stdout. Every wait is bounded.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: any;
  readonly result?: any;
  readonly error?: { code: number; message: string };
}

export interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly diagnostics: any[];
}

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly stderr: string[] = [];
  /** Every notification received, in order. */
  readonly notifications: Message[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private exited: Promise<number | null>;

  /** `cli`: the built command, dist/src/cli/main.js. */
  constructor(cli: string, cwd: string) {
    this.process = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  static uri(path: string): string {
    return pathToFileURL(path).href;
  }

  async initialize(root: string, initializationOptions: Record<string, unknown> = { debounceMs: 0 }): Promise<any> {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: LspClient.uri(root),
      workspaceFolders: [{ uri: LspClient.uri(root), name: 'test' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  open(path: string, text: string, languageId = 'yaml'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri: LspClient.uri(path), languageId, version: 1, text } });
  }

  private versions = new Map<string, number>();
  /** Replaces a range of the text, or the whole text. */
  change(path: string, text: string, range?: Range): void {
    this.changes(path, [range ? { range, text } : { text }]);
  }

  /** Several changes in one notification, applied in order. */
  changes(path: string, contentChanges: readonly ({ range: Range; text: string } | { text: string })[]): void {
    const uri = LspClient.uri(path);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  request(method: string, params: unknown, timeoutMs = 10_000): Promise<any> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.bounded(new Promise<Message>((resolve) => this.pending.set(id, resolve)), timeoutMs, `no answer to ${method}`).then((m) => {
      if (m.error) throw new Error(`${method}: ${m.error.message}`);
      return m.result;
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next diagnostics published for a file (after those already received), optionally the next that match. */
  nextDiagnostics(path: string, match: (d: PublishedDiagnostics) => boolean = () => true, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    const uri = LspClient.uri(path);
    return this.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && match(m.params), timeoutMs).then((m) => m.params);
  }

  next(match: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    return this.bounded(new Promise<Message>((resolve) => this.waiters.push({ match, resolve })), timeoutMs, 'no matching message');
  }

  /** shutdown, then exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.bounded(this.exited, 5_000, 'the server did not exit');
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message));
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    if (message.id !== undefined && message.method !== undefined) {
      // A request from the server (client/registerCapability, workspace/configuration): accept it.
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
      return;
    }
    this.notifications.push(message);
    const index = this.waiters.findIndex((w) => w.match(message));
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message);
  }

  private bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms; server stderr: ${this.stderr.join('')}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
