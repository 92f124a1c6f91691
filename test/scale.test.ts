// Cross-resource rules must use the index, never compare all pairs (issue 7). Rather than time the
// engine (noisy on a shared 2-core machine), this counts its work, which is exact and the same on every
// machine: every resource looked at in the lists the index hands out (`all`, `ofKind`, `inNamespace`,
// `podTemplates`, ...), and every field read on any resource object. Linear rules do 4x the work for
// 4x the input; an all-pairs loop does 16x. Everything sits in ONE namespace, the worst case for
// rules that scan a namespace: 5,000 and 20,000 applications (a Service and a Deployment or
// StatefulSet each, every tenth with an Ingress), all rules on, in about ten seconds.
import { describe, expect, it } from 'vitest';
import type { ResourceIndex } from '../src/model/types.js';
import { countingIndex, type IndexWork } from './harness/counting-index.js';
import { lintObjects } from './harness/objects.js';

function applications(count: number): object[] {
  const objects: object[] = [];
  for (let i = 0; i < count; i++) {
    const name = `app-${i}`;
    const labels = { app: name, tier: ['web', 'api', 'worker'][i % 3]! };
    const stateful = i % 5 === 0;
    const template = { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1', ports: [{ name: 'http', containerPort: 8080 }] }] } };
    objects.push({
      apiVersion: 'apps/v1',
      kind: stateful ? 'StatefulSet' : 'Deployment',
      metadata: { name, namespace: 'shared' },
      spec: { ...(stateful ? { serviceName: name } : {}), selector: { matchLabels: labels }, template },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shared' },
      spec: {
        ...(stateful ? { clusterIP: 'None' } : { type: ['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer'][i % 4] }),
        selector: labels,
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    });
    if (i % 10 === 0) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name, namespace: 'shared' },
        spec: { rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }] } }] },
      });
    }
  }
  return objects;
}

/**
 * Many namespaces, each with its Namespace object, an application and a NetworkPolicy whose peers
 * select namespaces: the next one by name, a team by label, and every namespace (`{}`) for a
 * Prometheus that runs in the last one. A rule that resolves each peer's namespaceSelector by
 * scanning every namespace is all pairs again, namespaces × policies.
 */
function namespacedApplications(count: number): object[] {
  const objects: object[] = [];
  const app = (i: number | string, namespace: string): object => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace },
    spec: { selector: { matchLabels: { app: `app-${i}` } }, template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } } },
  });
  for (let i = 0; i < count; i++) {
    const namespace = `ns-${i}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { team: `team-${i % 5}` } } });
    objects.push(app(i, namespace));
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow', namespace },
      spec: {
        podSelector: { matchLabels: { app: `app-${i}` } },
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `ns-${(i + 1) % count}` } }, podSelector: { matchLabels: { app: `app-${(i + 1) % count}` } } },
              { namespaceSelector: { matchLabels: { team: 'team-0' } }, podSelector: { matchLabels: { app: 'app-0' } } },
              { namespaceSelector: {}, podSelector: { matchLabels: { app: 'app-prometheus' } } },
            ],
          },
        ],
      },
    });
  }
  objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } }, app('prometheus', 'monitoring'));
  return objects;
}

interface Work extends IndexWork {
  /** Field reads on resource objects. */
  reads: number;
}

/** A deep view of an object that counts every field read, at any depth. */
function observed<T extends object>(object: T, work: Work, views = new WeakMap<object, object>()): T {
  const known = views.get(object);
  if (known) return known as T;
  const view = new Proxy(object, {
    get(target, key, receiver) {
      work.reads++;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'object' && value !== null ? observed(value, work, views) : value;
    },
  });
  views.set(object, view);
  return view;
}

async function workFor(count: number, make = applications): Promise<Work & { crashes: number }> {
  const work: Work = { looked: 0, selected: 0, reads: 0 };
  const views = new WeakMap<object, object>();
  const objects = make(count).map((object) => observed(object, work, views));
  // Schema validation is per resource (and slow through the counting views); it is off here.
  const { diagnostics } = await lintObjects(objects, { schema: false, wrapIndex: (index) => countingIndex(index, work) });
  return { ...work, crashes: diagnostics.filter((d) => d.messageId === 'crash').length };
}

describe('cross-resource rules scale linearly', () => {
  it('4x the applications in one namespace cost at most ~4x the work (20,000 Services and 20,000 workloads)', async () => {
    const small = await workFor(5_000);
    const large = await workFor(20_000);
    expect(small.crashes + large.crashes).toBe(0);
    // Linear is 4; all pairs would be 16. The slack covers per-run constants, not a quadratic term.
    expect(large.looked / small.looked).toBeLessThan(4.5);
    expect(large.reads / small.reads).toBeLessThan(4.5);
  }, 120_000);
});

describe('namespaceSelectors scale linearly', () => {
  it('4x the namespaces, each with a NetworkPolicy selecting other namespaces, cost at most ~4x the work', async () => {
    const small = await workFor(500, namespacedApplications);
    const large = await workFor(2_000, namespacedApplications);
    expect(small.crashes + large.crashes).toBe(0);
    expect(large.looked / small.looked).toBeLessThan(4.5);
    expect(large.reads / small.reads).toBeLessThan(4.5);
  }, 120_000);
});

describe('selectPodTemplates', () => {
  it('returns what a scan of the namespace would, in input order', async () => {
    const objects = applications(30).map((object, i) => (i % 7 === 0 ? { ...object, metadata: { name: `x-${i}`, namespace: 'other' } } : object));
    let index: ResourceIndex | undefined;
    await lintObjects(objects, { schema: false, wrapIndex: (built) => (index = built) });
    for (const selector of [{}, { tier: 'web' }, { app: 'app-3', tier: 'web' }, { app: 'app-3', tier: 'api' }, { tier: 'api', missing: 'x' }]) {
      for (const namespace of ['shared', 'other', 'none']) {
        const scanned = index!.podTemplates(namespace).filter(({ template }) => Object.entries(selector).every(([k, v]) => template.labels[k] === v));
        expect(index!.selectPodTemplates(namespace, selector)).toEqual(scanned);
      }
    }
  });
});
