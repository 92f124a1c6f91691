// `k8s-svc-lint test` and `k8s-svc-lint policy export`.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { policySettings } from '../policy/config.js';
import { exportPolicies } from '../policy/export.js';
import { formatTestTable, runPolicyTest, TestFileError } from '../policy/testing.js';
import { UsageError, type CliOptions } from './args.js';
import type { CliIO } from './io.js';

export async function runPolicyCommand(options: CliOptions, io: CliIO): Promise<number> {
  if (options.command === 'test') return runTests(options, io);
  const { config } = loadConfig(io.cwd, options.config);
  const policies = policySettings(config)?.policies ?? [];
  if (policies.length === 0) throw new UsageError('the config has no short-form policies under `policies:` to export');
  const text = exportPolicies(policies);
  if (options.outputFile === undefined) {
    io.write(text);
  } else {
    const path = resolve(io.cwd, options.outputFile);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  return 0;
}

async function runTests(options: CliOptions, io: CliIO): Promise<number> {
  if (options.patterns.length === 0) throw new UsageError('test needs a test file: `k8s-svc-lint test policy-test.yaml`');
  let failed = false;
  for (const file of options.patterns) {
    try {
      const lines = await runPolicyTest(resolve(io.cwd, file), io.cwd);
      if (options.patterns.length > 1) io.write(`${file}\n`);
      io.write(formatTestTable(lines));
      failed ||= lines.some((line) => !line.ok);
    } catch (error) {
      if (error instanceof TestFileError) {
        io.writeError(`k8s-svc-lint: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }
  return failed ? 1 : 0;
}
