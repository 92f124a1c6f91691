// `k8s-svc-lint lsp`: the language server on stdin and stdout (editors pass `--stdio`).
import { createConnection } from 'vscode-languageserver/node';
import { serve } from './server.js';

export function runLanguageServer(): void {
  // stdout carries the protocol: anything else written there would corrupt it.
  console.log = console.error;
  process.on('uncaughtException', (error) => process.stderr.write(`k8s-svc-lint lsp: ${error?.stack ?? String(error)}\n`));
  process.on('unhandledRejection', (error) => process.stderr.write(`k8s-svc-lint lsp: ${String(error)}\n`));
  serve(createConnection(process.stdin, process.stdout));
}
