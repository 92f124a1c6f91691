#!/usr/bin/env node
// The `k8s-svc-lint` command. It starts from the bundle with its compiled-code cache when the build
// made them (see start-bundle.ts), else from the modules. The language server (`k8s-svc-lint lsp`)
// runs for a whole editing session, where start-up time does not matter: it starts from the modules.
import { startBundle } from './start-bundle.js';
import { tuneForOneRun } from './tune.js';

if (process.argv[2] === 'lsp') (await import('../lsp/main.js')).runLanguageServer();
else {
  tuneForOneRun();
  if (!startBundle()) (await import('./program.js')).start();
}
