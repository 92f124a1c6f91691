// The policy checker's share of `npm run bench`: 100 config policies over one corpus, the time the
// admission-policy rule takes against the YAML-parse floor of the same files, fastest of a few runs.
//
//   node dist/bench/policies.js <dir>
//
// Prints one JSON object on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { ConfigFile, RuleSetting } from '../src/config/types.js';
import { allRuleMetas } from '../src/engine/registry.js';
import { lint } from '../src/lint.js';
import type { ShortPolicy } from '../src/policy/short-form.js';

export interface PolicyMeasurement {
  readonly policies: number;
  readonly parseMs: number;
  readonly policyMs: number;
  readonly findings: number;
}

export const POLICY_COUNT = 100;

/** A hundred distinct policies of the shapes teams write: types, ports, labels, annotations, hosts, replicas. */
export function benchPolicies(count: number): ShortPolicy[] {
  const shapes: ((i: number) => Omit<ShortPolicy, 'id'>)[] = [
    (i) => ({
      kinds: ['Service'],
      when: "has(object.spec.type) && object.spec.type == 'NodePort'",
      assert: `object.spec.ports.all(p, !has(p.nodePort) || p.nodePort != ${30000 + i})`,
      message: `nodePort ${30000 + i} is reserved`,
    }),
    (i) => ({ kinds: ['Service'], assert: `!has(object.spec.ports) || object.spec.ports.all(p, p.port < ${20000 + i})`, message: 'ports must be low', severity: 'warn' }),
    (i) => ({
      kinds: ['Service', 'Deployment'],
      assert: `object.metadata.name.size() <= ${200 + i} && (!has(object.metadata.labels) || !('owner' in object.metadata.labels) || object.metadata.labels['owner'] != '')`,
      message: 'an owner label must not be empty',
    }),
    (i) => ({
      kinds: ['Ingress'],
      when: 'has(object.spec.rules)',
      assert: `object.spec.rules.all(r, !has(r.host) || !r.host.startsWith('*') || r.host.size() < ${i})`,
      message: 'no wildcard hosts',
    }),
    (i) => ({ kinds: ['Deployment'], assert: `!has(object.spec.replicas) || object.spec.replicas <= ${50 + i}`, message: 'too many replicas', at: 'spec.replicas' }),
    (i) => ({
      kinds: ['Service'],
      when: "has(object.spec.type) && object.spec.type == 'LoadBalancer'",
      assert: `has(object.metadata.annotations) && object.metadata.annotations.exists(k, k.startsWith('service.beta.kubernetes.io/aws-load-balancer-') && k.size() > ${i % 10})`,
      message: 'LoadBalancers need AWS annotations',
    }),
    (i) => ({ kinds: ['NetworkPolicy'], assert: `!has(object.spec.ingress) || size(object.spec.ingress) < ${10 + i}`, message: 'too many ingress rules' }),
    (i) => ({ kinds: ['Service'], namespaces: [`team-${i}`, 'default'], assert: "object.metadata.name.matches('^[a-z][-a-z0-9]*$')", message: 'odd Service name' }),
  ];
  return Array.from({ length: count }, (_, i) => ({ id: `bench-${i}`, ...shapes[i % shapes.length]!(i) }));
}

async function main(dir: string): Promise<void> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 5);
  const rules: Record<string, RuleSetting> = {};
  for (const meta of allRuleMetas()) rules[meta.id] = 'off';
  rules['admission-policy'] = 'error';
  const config: ConfigFile = { rules, policies: benchPolicies(POLICY_COUNT) };
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  let parseMs = Infinity;
  let policyMs = Infinity;
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    for (const file of files) for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter: new LineCounter(), version: '1.1' })) doc.toJS();
    parseMs = Math.min(parseMs, performance.now() - started);
    const output = await lint({ patterns: [dir], cwd: dir, config });
    policyMs = Math.min(policyMs, output.ruleTimes.get('admission-policy') ?? Infinity);
    findings = output.diagnostics.length;
  }
  const measurement: PolicyMeasurement = { policies: POLICY_COUNT, parseMs, policyMs, findings };
  console.log(JSON.stringify(measurement));
}

if (process.argv[1]?.endsWith('policies.js') && process.argv[2] !== undefined) await main(process.argv[2]);
