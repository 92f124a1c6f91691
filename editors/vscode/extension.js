// The VS Code client of `k8s-svc-lint lsp`: starts the language server for YAML documents. Findings,
// quick fixes, fix-all on save (`editor.codeActionsOnSave: { "source.fixAll.k8s-svc-lint": "explicit" }`)
// and hover all come from the server.
// @ts-check
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { workspace } = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The configured command, else the workspace's own install, else the one on the PATH. */
function serverCommand() {
  const configured = workspace.getConfiguration('k8sSvcLint').get('path');
  if (typeof configured === 'string' && configured !== '') return configured;
  const bin = process.platform === 'win32' ? 'k8s-svc-lint.cmd' : 'k8s-svc-lint';
  for (const folder of workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (existsSync(local)) return local;
  }
  return bin;
}

/** @param {import('vscode').ExtensionContext} context */
async function activate(context) {
  const command = serverCommand();
  const executable = { command, args: ['lsp', '--stdio'], options: { shell: process.platform === 'win32' } };
  client = new LanguageClient(
    'k8sSvcLint',
    'k8s-svc-lint',
    { run: executable, debug: executable },
    {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      initializationOptions: { debounceMs: workspace.getConfiguration('k8sSvcLint').get('debounceMs', 30) },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  await client?.stop();
}

module.exports = { activate, deactivate };
