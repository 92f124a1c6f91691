/**
 * Pod sources (src/k8s/pod-sources.ts): the catalogue is data valid against its own schema, the
 * labels controllers add are matched with their real ranges, and a namespace holding a custom
 * resource the tool cannot see through is not judged (the CLI says so under --verbose).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PodSources, podSourceCatalogue, podsMatchLabels, podsMatchSelector } from '../src/k8s/pod-sources.js';
import { kindKey } from '../src/model/kinds.js';

const ROOT = join(import.meta.dirname, '..');
const sources = new PodSources();

function template(apiVersion: string, object: Record<string, unknown>) {
  const found = sources.templateOf(kindKey(apiVersion, object['kind'] as string), object);
  if (!found) throw new Error('no pod template');
  return found;
}

const statefulSet = (spec: Record<string, unknown>) =>
  template('apps/v1', { kind: 'StatefulSet', metadata: { name: 'redis' }, spec: { ...spec, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [] } } } });

describe('the catalogue (schemas/pod-sources.json)', () => {
  it('is valid against its schema, with no kind listed twice', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'pod-sources.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const catalogue = podSourceCatalogue();
    expect(validate(catalogue), JSON.stringify(validate.errors)).toBe(true);
    const kinds = catalogue.sources.map((s) => `${s.kind}.${s.group}`);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const source of catalogue.sources) expect(source.labels !== undefined || source.templatePath !== undefined, source.kind).toBe(true);
  });

  it("gives an operator resource the labels its pods get, with the name filled in and the user's pod labels", () => {
    const pods = template('monitoring.coreos.com/v1', { kind: 'Prometheus', metadata: { name: 'k8s' }, spec: { podMetadata: { labels: { team: 'sre' } } } });
    expect(pods.labels).toMatchObject({ prometheus: 'k8s', 'operator.prometheus.io/name': 'k8s', 'app.kubernetes.io/name': 'prometheus', team: 'sre' });
    expect(pods.containersKnown).toBe(false);
    expect(podsMatchLabels({ 'operator.prometheus.io/name': 'k8s', 'statefulset.kubernetes.io/pod-name': 'prometheus-k8s-1' }, pods)).toBe(true);
    expect(podsMatchLabels({ prometheus: 'other' }, pods)).toBe(false);
  });

  it('a kind known to make no pods is not opaque; an unknown custom resource without a template is', () => {
    expect(sources.isOpaque('ServiceMonitor.monitoring.coreos.com', { spec: {} })).toBe(false);
    expect(sources.isOpaque('Kafka.kafka.strimzi.io', { spec: {} })).toBe(true);
    expect(sources.isOpaque('Thing.example.com', { spec: { template: { spec: { containers: [] } } } })).toBe(false);
    expect(sources.isOpaque('ConfigMap', {})).toBe(false);
  });

  it('a config entry adds a kind, and wins over the catalogue', () => {
    const configured = new PodSources([{ group: 'monitoring.coreos.com', kind: 'Prometheus', labels: { custom: '{{name}}' } }]);
    expect(configured.templateOf('Prometheus.monitoring.coreos.com', { metadata: { name: 'x' } })?.labels).toEqual({ custom: 'x' });
  });
});

describe('labels the controllers add', () => {
  it('StatefulSet pod names and indexes lie within replicas, shifted by ordinals.start', () => {
    const three = statefulSet({ replicas: 3 });
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'redis-2' }, three)).toBe(true);
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'redis-3' }, three)).toBe(false);
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'redis-02' }, three)).toBe(false);
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'other-0' }, three)).toBe(false);
    expect(podsMatchLabels({ 'apps.kubernetes.io/pod-index': '0' }, three)).toBe(true);
    const shifted = statefulSet({ replicas: 2, ordinals: { start: 5 } });
    expect(podsMatchLabels({ 'apps.kubernetes.io/pod-index': '6' }, shifted)).toBe(true);
    expect(podsMatchLabels({ 'apps.kubernetes.io/pod-index': '0' }, shifted)).toBe(false);
    // No replicas, or an autoscaler setting them: any count.
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'redis-40' }, statefulSet({}))).toBe(true);
    const object = { kind: 'StatefulSet', metadata: { name: 'redis' }, spec: { replicas: 3, template: { spec: { containers: [] } } } };
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'redis-7' }, sources.templateOf('StatefulSet', object, { autoscaled: true })!)).toBe(true);
    expect(podsMatchLabels({ 'statefulset.kubernetes.io/pod-name': 'redis-7' }, sources.templateOf('StatefulSet', object)!)).toBe(false);
  });

  it('Job and CronJob pods carry the job name; only an Indexed Job has completion indexes', () => {
    const job = template('batch/v1', { kind: 'Job', metadata: { name: 'train' }, spec: { completionMode: 'Indexed', completions: 2, template: { spec: { containers: [] } } } });
    expect(podsMatchLabels({ 'batch.kubernetes.io/job-name': 'train', 'batch.kubernetes.io/job-completion-index': '1' }, job)).toBe(true);
    expect(podsMatchLabels({ 'batch.kubernetes.io/job-completion-index': '2' }, job)).toBe(false);
    expect(podsMatchLabels({ 'job-name': 'other' }, job)).toBe(false);
    const cron = template('batch/v1', { kind: 'CronJob', metadata: { name: 'backup' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } } });
    expect(podsMatchLabels({ 'job-name': 'backup-28471230' }, cron)).toBe(true);
    expect(podsMatchLabels({ 'job-name': 'backup' }, cron)).toBe(false);
    expect(podsMatchLabels({ 'batch.kubernetes.io/job-completion-index': '0' }, cron)).toBe(false);
  });

  it('matchExpressions see generated labels: Exists and In hold, DoesNotExist fails', () => {
    const pods = statefulSet({ replicas: 2 });
    expect(podsMatchSelector({ matchExpressions: [{ key: 'controller-revision-hash', operator: 'Exists' }] }, pods)).toBe(true);
    expect(podsMatchSelector({ matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'In', values: ['redis-1', 'redis-9'] }] }, pods)).toBe(true);
    expect(podsMatchSelector({ matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'In', values: ['redis-9'] }] }, pods)).toBe(false);
    expect(podsMatchSelector({ matchExpressions: [{ key: 'pod-template-hash', operator: 'DoesNotExist' }] }, pods)).toBe(true);
    expect(podsMatchSelector({ matchExpressions: [{ key: 'controller-revision-hash', operator: 'DoesNotExist' }] }, pods)).toBe(false);
  });
});

describe('the CLI on a namespace it cannot see through', () => {
  const fixture = join(ROOT, 'fixtures', 'service-selector-match', 'valid', 'unknown-operator.yaml');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'main.js'), ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });

  it('reports nothing, and --verbose names the custom resource and the config key', () => {
    const result = run(['--verbose', fixture]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'namespace streaming: it holds custom resources that may make pods the tool cannot see (Kafka.kafka.strimzi.io events; declare them under `podSources` in the config)',
    );
  });

  it('with strictReferences the selector is judged', () => {
    const result = run(['--strict-references', '--format', 'json', fixture]);
    expect(result.status).toBe(0); // a warning
    const messages = (JSON.parse(result.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId);
    expect(messages).toContain('service-selector-match');
  });
});

describe('podSources in the config file', () => {
  const manifest = readFileSync(join(ROOT, 'fixtures', 'service-selector-match', 'valid', 'configured-pod-source.yaml'), 'utf8');
  const run = (config: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-pod-sources-'));
    writeFileSync(join(dir, 'app.yaml'), manifest);
    writeFileSync(join(dir, '.k8s-svc-lint.yaml'), config);
    return spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'main.js'), '--strict-references', '--format', 'json', 'app.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
  };

  it('a declared operator makes the Service match its pods', () => {
    const declared = run(
      'podSources:\n  - group: postgresql.cnpg.io\n    kind: Cluster\n    labels: { cnpg.io/cluster: "{{name}}" }\n    anyValueLabels: [cnpg.io/instanceRole]\n',
    );
    expect(declared.status).toBe(0);
    expect((JSON.parse(declared.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).not.toContain('service-selector-match');
    const undeclared = run('strictReferences: true\n');
    expect((JSON.parse(undeclared.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toContain('service-selector-match');
  });

  it('a malformed entry is a configuration error (exit 2, one line)', () => {
    const result = run('podSources:\n  - kind: Cluster\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/podSources/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
