#!/usr/bin/env node
// The `k8s-svc-lint` command. It starts from the bundle with its compiled-code cache when the build
// made them (see start-bundle.ts), else from the modules.
import { startBundle } from './start-bundle.js';

if (!startBundle()) (await import('./program.js')).start();
