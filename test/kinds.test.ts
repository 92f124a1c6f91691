import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/engine/registry.js';
import { isClusterScoped, KIND_NAMES, kindEntry, ROUTE_KINDS, WORKLOAD_KINDS } from '../src/model/kinds.js';
import { podTemplateOf } from '../src/k8s/workloads.js';

const root = join(import.meta.dirname, '..');

describe('the kind table (src/model/kinds.ts)', () => {
  it('types meta.kinds and meta.schema: a misspelt kind, or a schema that does not match defaultOptions, does not compile (test/types/)', { timeout: 60_000 }, () => {
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'test', 'types')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('names every kind a rule checks', () => {
    for (const rule of RULES) for (const kind of rule.meta.kinds) if (kind !== '*') expect(kindEntry(kind), `${rule.meta.id}: ${kind}`).toBeDefined();
  });

  it('gives each bundled model for its current apiVersion', async () => {
    const bundled = KIND_NAMES.filter((kind) => kindEntry(kind)?.model);
    expect(bundled.length).toBeGreaterThanOrEqual(20);
    for (const kind of bundled) {
      const entry = kindEntry(kind)!;
      const model = (await entry.model!()) as unknown as { kind: string; apiVersion: string };
      expect({ kind: model.kind, apiVersion: model.apiVersion }).toEqual({ kind, apiVersion: entry.apiVersions[0] });
    }
  });

  it('derives the workloads, routes and scopes from the entries', () => {
    expect(WORKLOAD_KINDS).toEqual(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
    expect(ROUTE_KINDS).toEqual(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);
    expect(podTemplateOf('CronJob', { spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'x' } } } } } } })?.path).toEqual([
      'spec',
      'jobTemplate',
      'spec',
      'template',
    ]);
    expect(['Namespace', 'IngressClass', 'GatewayClass', 'CustomResourceDefinition'].every(isClusterScoped)).toBe(true);
    expect(['Service', 'Gateway', 'Secret', 'toString', '__proto__'].some(isClusterScoped)).toBe(false);
    expect(kindEntry('constructor')).toBeUndefined();
  });
});
