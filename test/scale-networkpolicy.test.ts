// NetworkPolicy rules must judge a selector once, not once per policy: in one namespace with few label
// groups (`part-of: web`), every policy's peer selects a large share of the pods, and finding them again
// for each policy is policies × pods. This counts the work instead of timing it (exact on any machine):
// the pod templates the index hands out for a selector (it filters at least that many, whether or not
// the rule reads them) and the elements rules read from the index's lists. Linear is 5x then 2x.
import { describe, expect, it } from 'vitest';
import { countingIndex, type IndexWork } from './harness/counting-index.js';
import { lintObjects } from './harness/objects.js';

const GROUPS = ['web', 'api'];

/**
 * About `resources` resources in namespace `shared`: per application a Deployment (labels `app` and
 * `part-of`, a container port named http) and a Service; every fourth one a NetworkPolicy that allows
 * ingress on http from its group and egress to its group on a port named metrics, which no pod declares
 * (a finding whose explanation samples the group's pods); every hundredth one's ingress peer selects a
 * group with no pods.
 */
function oneNamespace(resources: number): object[] {
  const objects: object[] = [];
  for (let i = 0; objects.length < resources; i++) {
    const name = `app-${i}`;
    const group = GROUPS[i % GROUPS.length]!;
    const labels = { app: name, 'part-of': group };
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shared' },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shared' },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    if (i % 4 === 0) {
      const from = i % 100 === 0 ? 'nobody' : group;
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name, namespace: 'shared' },
        spec: {
          podSelector: { matchLabels: { app: name } },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ podSelector: { matchLabels: { 'part-of': from } } }], ports: [{ port: 'http' }] }],
          egress: [{ to: [{ podSelector: { matchLabels: { 'part-of': group } } }], ports: [{ port: 'metrics' }] }],
        },
      });
    }
  }
  return objects;
}

type Work = IndexWork;

async function workFor(resources: number): Promise<Work & { findings: Map<string, number>; crash?: string | undefined }> {
  const work: Work = { selected: 0, looked: 0 };
  const { diagnostics } = await lintObjects(oneNamespace(resources), { schema: false, wrapIndex: (index) => countingIndex(index, work) });
  const findings = new Map<string, number>();
  for (const d of diagnostics) findings.set(`${d.ruleId} ${d.messageId}`, (findings.get(`${d.ruleId} ${d.messageId}`) ?? 0) + 1);
  return { ...work, findings, crash: diagnostics.find((d) => d.messageId === 'crash')?.message };
}

describe('NetworkPolicy rules scale linearly in one namespace with few label groups', () => {
  it('5,000 → 25,000 → 50,000 resources cost about 5x then 2x the work', async () => {
    const sizes = [5_000, 25_000, 50_000];
    const [small, medium, large] = [await workFor(sizes[0]!), await workFor(sizes[1]!), await workFor(sizes[2]!)];
    for (const [run, resources] of [
      [small, sizes[0]],
      [medium, sizes[1]],
      [large, sizes[2]],
    ] as const) {
      const policies = Math.ceil(resources / 9);
      // The findings the corpus plants, so the rules really walk both paths (a match and a miss).
      expect(run.findings.get('networkpolicy-ports namedPortMissing')).toBeGreaterThanOrEqual(policies - 2);
      expect(run.findings.get('networkpolicy-selector-match peerNoMatch')).toBeGreaterThanOrEqual(Math.floor(policies / 25) - 1);
      expect(run.crash).toBeUndefined();
    }
    // Linear is 5 and 2; policies × pods would be 25 and 4.
    expect(medium.selected / small.selected).toBeLessThan(5.75);
    expect(large.selected / medium.selected).toBeLessThan(2.3);
    expect(medium.looked / small.looked).toBeLessThan(5.75);
    expect(large.looked / medium.looked).toBeLessThan(2.3);
  }, 120_000);
});
