import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { defaultService } from '../src/apiserver/defaults/service.js';
import { apiIssues, parseKubernetesVersion } from '../src/apiserver/index.js';
import { allRuleMetas } from '../src/engine/registry.js';
import { apiCases } from './api-cases/cases.js';
import { FIXTURES } from './harness/fixtures.js';
import { lintObjects } from './harness/objects.js';

describe('parseKubernetesVersion', () => {
  it('reads a minor release, with or without v and a patch release', () => {
    expect(parseKubernetesVersion('1.34')).toEqual({ major: 1, minor: 34 });
    expect(parseKubernetesVersion('v1.33.2')).toEqual({ major: 1, minor: 33 });
    expect(parseKubernetesVersion(' 1.16 ')).toEqual({ major: 1, minor: 16 });
  });

  it('refuses what is not a release it can judge', () => {
    for (const text of ['', '1', '2.0', '1.x', '1.15', 'latest', '1.34-rc.1', '1.34.1.1']) expect(parseKubernetesVersion(text), text).toBeUndefined();
  });
});

describe('defaultService (SetDefaults_Service, then the registry create step)', () => {
  it('fills what the API server fills, and leaves the input alone', () => {
    const input = {
      kind: 'Service',
      spec: { type: '', sessionAffinity: 'ClientIP', clusterIP: '10.96.0.1', ports: [{ port: 80, targetPort: 0, protocol: '' }, { port: 81 }] },
      status: { loadBalancer: {} },
    };
    const copy = structuredClone(input);
    expect(defaultService(input)).toEqual({
      kind: 'Service',
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        internalTrafficPolicy: 'Cluster',
        ports: [
          { port: 80, targetPort: 80, protocol: 'TCP' },
          { port: 81, targetPort: 81, protocol: 'TCP' },
        ],
      },
    });
    expect(input).toEqual(copy);
  });

  it('drops sessionAffinityConfig with None; defaults the external policy and node port allocation of a LoadBalancer', () => {
    const spec = (object: object) => (object as { spec: Record<string, unknown> }).spec;
    expect(spec(defaultService({ spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } } }))).not.toHaveProperty('sessionAffinityConfig');
    expect(spec(defaultService({ spec: { type: 'LoadBalancer' } }))).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
      internalTrafficPolicy: 'Cluster',
    });
    expect(spec(defaultService({ spec: { type: 'ExternalName' } }))).not.toHaveProperty('internalTrafficPolicy');
    expect(spec(defaultService({ spec: { clusterIPs: ['10.96.0.1'] } }))).not.toHaveProperty('clusterIP');
  });
});

/** Every object of the API cases and the api-validation fixtures. */
function sampleObjects(): unknown[] {
  const texts = apiCases().map((c) => c.text);
  for (const kind of ['valid', 'invalid']) {
    const dir = join(FIXTURES, 'api-validation', kind);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml') && !n.endsWith('.expect.yaml'))) texts.push(readFileSync(join(dir, name), 'utf8'));
  }
  return texts.flatMap((text) => parseAllDocuments(text).map((doc) => doc.toJS() as unknown)).filter((value) => value !== null);
}

describe('checks left to another rule', () => {
  it('are reported by that rule: every owner is a rule, and it reports on the object', async () => {
    const ruleIds = new Set(allRuleMetas().map((meta) => meta.id));
    let owned = 0;
    for (const object of sampleObjects()) {
      const { diagnostics, resources } = await lintObjects([object]);
      const resource = resources[0];
      if (!resource) continue;
      for (const issue of apiIssues(resource, { major: 1, minor: 35 })) {
        if (issue.owner === undefined) continue;
        owned++;
        expect(ruleIds.has(issue.owner), issue.owner).toBe(true);
        expect(
          diagnostics.map((d) => d.ruleId),
          `${issue.owner} on ${JSON.stringify(object)}`,
        ).toContain(issue.owner);
      }
    }
    // The samples exercise the hand-over (names, targetPorts), so the loop above proves something.
    expect(owned).toBeGreaterThan(3);
  });
});

async function issuesOf(object: unknown, minor = 35): Promise<{ path: string; owner?: string; missing?: boolean }[]> {
  const { resources } = await lintObjects([object], { schema: false });
  return apiIssues(resources[0]!, { major: 1, minor }).map((issue) => ({
    path: issue.path.join('.'),
    ...(issue.owner ? { owner: issue.owner } : {}),
    ...(issue.missing ? { missing: true } : {}),
  }));
}

describe('limits too large for fixtures', () => {
  it('annotations: 256 KiB of keys and values together, counted in bytes', async () => {
    const service = (value: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', annotations: { a: value } }, spec: { clusterIP: 'None' } });
    expect(await issuesOf(service('x'.repeat(256 * 1024 - 1)))).toEqual([]);
    expect(await issuesOf(service('x'.repeat(256 * 1024)))).toEqual([{ path: 'metadata.annotations' }]);
    // Two bytes per character in UTF-8.
    expect(await issuesOf(service('é'.repeat(128 * 1024)))).toEqual([{ path: 'metadata.annotations' }]);
  });

  it('EndpointSlice: at most 1000 endpoints, 100 addresses each, 100 ports', async () => {
    const slice = (endpoints: number, addresses: number, ports: number) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web' },
      addressType: 'IPv4',
      endpoints: Array.from({ length: endpoints }, () => ({ addresses: Array.from({ length: addresses }, (_, i) => `10.0.0.${i + 1}`) })),
      ports: Array.from({ length: ports }, (_, i) => ({ name: `p${i}`, port: 1000 + i })),
    });
    expect(await issuesOf(slice(1000, 1, 100))).toEqual([]);
    expect(await issuesOf(slice(1001, 1, 1))).toEqual([{ path: 'endpoints' }]);
    expect(await issuesOf(slice(1, 101, 1))).toEqual([{ path: 'endpoints.0.addresses' }]);
    expect(await issuesOf(slice(1, 1, 101))).toEqual([{ path: 'ports' }]);
  });

  it('a targetPort the API server fills from port is judged once, as the port', async () => {
    const service = (port: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [port] } });
    expect(await issuesOf(service({ port: 0 }))).toEqual([{ path: 'spec.ports.0.port' }]);
    expect(await issuesOf(service({ port: 0, targetPort: 0 }))).toEqual([{ path: 'spec.ports.0.port' }]);
    expect(await issuesOf(service({ port: 80, targetPort: 'http_web' }))).toEqual([{ path: 'spec.ports.0.targetPort', owner: 'service-target-port' }]);
  });

  it('the release decides trafficDistribution and the StatefulSet serviceName check', async () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { trafficDistribution: 'PreferSameZone', ports: [{ port: 80 }] } };
    expect(await issuesOf(service, 34)).toEqual([]);
    expect(await issuesOf(service, 33)).toEqual([{ path: 'spec.trafficDistribution' }]);
    // 1.30 drops the field (its gate is off by default); before, strict decoding refuses an unknown field.
    expect(await issuesOf(service, 30)).toEqual([]);
    expect(await issuesOf(service, 29)).toEqual([{ path: 'spec.trafficDistribution' }]);
    const statefulSet = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db_main' } };
    expect(await issuesOf(statefulSet, 32)).toEqual([]);
    expect(await issuesOf(statefulSet, 33)).toEqual([{ path: 'spec.serviceName' }]);
  });

  it('an object of a removed apiVersion is refused before validation: no issues', async () => {
    const ingressClass = { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass', metadata: { name: 'x' }, spec: {} };
    expect(await issuesOf(ingressClass, 22)).toEqual([]);
    expect(await issuesOf(ingressClass, 21)).toEqual([{ path: 'spec.controller', missing: true }]);
  });
});
