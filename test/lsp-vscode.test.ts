// The VS Code extension's client (editors/vscode/extension.js), loaded with stand-ins for the `vscode`
// and `vscode-languageclient` modules that only VS Code provides: it must start `k8s-svc-lint lsp --stdio`
// for YAML documents, preferring the workspace's own install.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const EXTENSION = join(import.meta.dirname, '..', 'editors', 'vscode', 'extension.js');
const require = createRequire(import.meta.url);

interface Started {
  id: string;
  server: { run: { command: string; args: string[] } };
  client: { documentSelector: unknown[]; initializationOptions: { debounceMs: number } };
  started: boolean;
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup) undo();
  cleanup = [];
});

function loadExtension(folder: string, settings: Record<string, unknown>): { extension: any; clients: Started[] } {
  const clients: Started[] = [];
  const vscode = {
    workspace: {
      workspaceFolders: [{ uri: { fsPath: folder } }],
      getConfiguration: () => ({ get: (key: string, fallback?: unknown) => settings[key] ?? fallback }),
    },
  };
  class LanguageClient {
    readonly record: Started;
    constructor(id: string, _name: string, server: Started['server'], client: Started['client']) {
      this.record = { id, server, client, started: false };
      clients.push(this.record);
    }
    async start(): Promise<void> {
      this.record.started = true;
    }
    dispose(): void {}
  }
  const stubs: Record<string, unknown> = { vscode, 'vscode-languageclient/node': { LanguageClient } };
  const load = (Module as any)._load;
  (Module as any)._load = function (request: string, ...rest: unknown[]) {
    return request in stubs ? stubs[request] : load.call(this, request, ...rest);
  };
  cleanup.push(() => ((Module as any)._load = load));
  delete require.cache[EXTENSION];
  return { extension: require(EXTENSION), clients };
}

describe('editors/vscode', () => {
  it('starts the workspace install of k8s-svc-lint as a language server for YAML documents', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-vscode-'));
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
    mkdirSync(join(folder, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(folder, 'node_modules', '.bin', 'k8s-svc-lint'), '');

    const { extension, clients } = loadExtension(folder, { debounceMs: 50 });
    const context = { subscriptions: [] as unknown[] };
    await extension.activate(context);
    expect(clients).toHaveLength(1);
    const [client] = clients;
    expect(client!.started).toBe(true);
    expect(client!.server.run).toMatchObject({ command: join(folder, 'node_modules', '.bin', 'k8s-svc-lint'), args: ['lsp', '--stdio'] });
    expect(client!.client.documentSelector).toContainEqual({ scheme: 'file', language: 'yaml' });
    expect(client!.client.initializationOptions).toEqual({ debounceMs: 50 });
    expect(context.subscriptions).toHaveLength(1);
  });

  it('uses the configured command, else the one on the PATH', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-vscode-'));
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
    const configured = loadExtension(folder, { path: '/opt/bin/k8s-svc-lint' });
    await configured.extension.activate({ subscriptions: [] });
    expect(configured.clients[0]!.server.run.command).toBe('/opt/bin/k8s-svc-lint');
    const fromPath = loadExtension(folder, {});
    await fromPath.extension.activate({ subscriptions: [] });
    expect(fromPath.clients[0]!.server.run.command).toBe(process.platform === 'win32' ? 'k8s-svc-lint.cmd' : 'k8s-svc-lint');
  });

  it('declares its entry point and the settings it reads', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'editors', 'vscode', 'package.json'), 'utf8'));
    expect(manifest.main).toBe('./extension.js');
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['k8sSvcLint.path', 'k8sSvcLint.debounceMs']);
    expect(manifest.dependencies).toHaveProperty('vscode-languageclient');
  });
});
