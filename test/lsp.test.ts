// `k8s-svc-lint lsp`, spawned and spoken to over stdio as an editor does.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient } from '../bench/lsp-client.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: clusterIP
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`;

const deployment = (portName: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: ${portName}
              containerPort: 8080
`;

const DOCS = 'https://github.com/k8s-svc-lint/k8s-svc-lint/blob/main/docs/rules/';
const range = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

let dirs: string[] = [];
let clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients) client.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
  clients = [];
});

/** A workspace folder with these files, and a server initialized on it (no debounce, so tests wait on nothing but the lint). */
async function start(files: Record<string, string>, options?: Record<string, unknown>): Promise<{ root: string; client: LspClient; path: (name: string) => string }> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-lsp-')));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  const client = new LspClient(CLI, root);
  clients.push(client);
  await client.initialize(root, options);
  return { root, client, path: (name) => join(root, name) };
}

describe('k8s-svc-lint lsp', () => {
  it('answers initialize with its capabilities, and exits 0 on shutdown and exit', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-lsp-')));
    dirs.push(root);
    const client = new LspClient(CLI, root);
    clients.push(client);
    const result = await client.initialize(root);
    expect(result.capabilities).toEqual({
      textDocumentSync: 2,
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.k8s-svc-lint'] },
      hoverProvider: true,
    });
    expect(result.serverInfo.name).toBe('k8s-svc-lint');
    expect(await client.shutdown()).toBe(0);
  });

  it('publishes findings for an opened document with exact ranges, rule id, docs link and the other end of a cross-file finding', async () => {
    const { client, path } = await start({ 'svc.yaml': SERVICE, 'deploy.yaml': deployment('htpt') });
    const published = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE);
    const { diagnostics } = await published;
    expect(diagnostics).toEqual([
      {
        range: range(5, 8, 5, 17),
        severity: 1,
        code: 'schema',
        codeDescription: { href: `${DOCS}schema.md` },
        source: 'k8s-svc-lint',
        message: 'spec.type is "clusterIP"; did you mean ClusterIP? It must be one of ClusterIP, ExternalName, LoadBalancer, NodePort',
      },
      {
        range: range(10, 18, 10, 22),
        severity: 1,
        code: 'service-target-port',
        codeDescription: { href: `${DOCS}service-target-port.md` },
        source: 'k8s-svc-lint',
        message: expect.stringMatching(/^targetPort "http" names no container port of the selected pods \(Deployment web: htpt 8080\/TCP\).*did you mean "htpt"\?$/),
        relatedInformation: [{ location: { uri: LspClient.uri(path('deploy.yaml')), range: range(3, 8, 3, 11) }, message: 'Deployment web, selected by this Service' }],
      },
    ]);
    expect(await client.shutdown()).toBe(0);
  });

  it('lints the unsaved text on every change', async () => {
    const { client, path } = await start({ 'svc.yaml': SERVICE });
    const first = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE);
    expect((await first).diagnostics.map((d: any) => d.code)).toEqual(['schema']);

    // An incremental edit: `clusterIP` becomes `NodePort`, then a nodePort outside the range is typed.
    const second = client.nextDiagnostics(path('svc.yaml'));
    client.changes(path('svc.yaml'), [
      { range: range(5, 8, 5, 17), text: 'NodePort' },
      { range: range(9, 14, 9, 14), text: '\n      nodePort: 80' },
    ]);
    const { diagnostics } = await second;
    expect(diagnostics.map((d: any) => [d.code, d.severity, d.range])).toEqual([['nodeport-range', 1, range(10, 16, 10, 18)]]);

    const third = client.nextDiagnostics(path('svc.yaml'));
    client.change(path('svc.yaml'), '30080', range(10, 16, 10, 18));
    expect((await third).diagnostics).toEqual([]);
  });

  it('lints once after a burst of keystrokes (debounced)', async () => {
    const clean = SERVICE.replace('clusterIP', 'ClusterIP');
    const { client, path } = await start({}, { debounceMs: 300 });
    const uri = LspClient.uri(path('svc.yaml'));
    const first = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), clean);
    expect((await first).diagnostics).toEqual([]);

    // Five keystrokes that each flip the finding on or off, the last one on.
    const burst = client.nextDiagnostics(path('svc.yaml'));
    for (let i = 0; i < 5; i++) client.change(path('svc.yaml'), i % 2 === 0 ? 'c' : 'C', range(5, 8, 5, 9));
    expect((await burst).diagnostics.map((d: any) => d.code)).toEqual(['schema']);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const publishes = client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
    expect(publishes).toHaveLength(2);
  });

  it('re-publishes a cross-file finding in one open file when another open file changes', async () => {
    const { client, path } = await start({ 'svc.yaml': SERVICE.replace('clusterIP', 'ClusterIP'), 'deploy.yaml': deployment('htpt') });
    const service = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE.replace('clusterIP', 'ClusterIP'));
    expect((await service).diagnostics.map((d: any) => d.code)).toEqual(['service-target-port']);
    const deploymentClean = client.nextDiagnostics(path('deploy.yaml'));
    client.open(path('deploy.yaml'), deployment('htpt'));
    expect((await deploymentClean).diagnostics).toEqual([]);

    // Renaming the container port in the (unsaved) Deployment fixes the Service.
    const republished = client.nextDiagnostics(path('svc.yaml'));
    client.change(path('deploy.yaml'), deployment('http'));
    expect((await republished).diagnostics).toEqual([]);
  });

  it('keeps the context up to date from file-watch notifications', async () => {
    const text = SERVICE.replace('clusterIP', 'ClusterIP');
    const { client, path } = await start({ 'svc.yaml': text, 'deploy.yaml': deployment('htpt') });
    const watched = (type: number): void => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: LspClient.uri(path('deploy.yaml')), type }] });
    const codes = async (published: Promise<{ diagnostics: any[] }>): Promise<string[]> => (await published).diagnostics.map((d) => d.code);

    let next = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), text);
    expect(await codes(next)).toEqual(['service-target-port']);

    // Deleted: no pods left to judge the targetPort against.
    rmSync(path('deploy.yaml'));
    next = client.nextDiagnostics(path('svc.yaml'));
    watched(3);
    expect(await codes(next)).toEqual([]);

    writeFileSync(path('deploy.yaml'), deployment('htpt'));
    next = client.nextDiagnostics(path('svc.yaml'));
    watched(1);
    expect(await codes(next)).toEqual(['service-target-port']);

    writeFileSync(path('deploy.yaml'), deployment('http'));
    next = client.nextDiagnostics(path('svc.yaml'));
    watched(2);
    expect(await codes(next)).toEqual([]);
  });

  it('offers to disable a rule for the resource the finding names, in a file of several documents', async () => {
    const text = `${SERVICE.replace('clusterIP', 'ClusterIP')}---\n${SERVICE.replace('name: web', 'name: api')}`;
    const { client, path } = await start({ 'svc.yaml': text, 'deploy.yaml': deployment('http') });
    const uri = LspClient.uri(path('svc.yaml'));
    const published = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), text);
    await published;

    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: range(17, 10, 17, 10), context: { diagnostics: [] } });
    const disable = actions.find((a: any) => a.title.startsWith('Disable schema for Service'));
    expect([disable.title, disable.edit.changes[uri]]).toEqual([
      'Disable schema for Service api',
      [{ range: range(16, 0, 16, 0), newText: '  annotations:\n    k8s-svc-lint.io/ignore: schema\n' }],
    ]);
  });

  it('offers the fix, the suggestion, suppression comments and fix-all as code actions', async () => {
    const { client, path } = await start({ 'svc.yaml': SERVICE, 'deploy.yaml': deployment('htpt') });
    const uri = LspClient.uri(path('svc.yaml'));
    const published = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE);
    await published;

    const onType = await client.request('textDocument/codeAction', { textDocument: { uri }, range: range(5, 10, 5, 10), context: { diagnostics: [] } });
    expect(onType.map((a: any) => [a.title, a.kind, a.edit.changes[uri]])).toEqual([
      ['Fix this schema problem', 'quickfix', [{ range: range(5, 8, 5, 17), newText: 'ClusterIP' }]],
      ['Disable schema for this line', 'quickfix', [{ range: range(5, 0, 5, 0), newText: '  # k8s-svc-lint-disable-next-line schema\n' }]],
      ['Disable schema for Service web', 'quickfix', [{ range: range(4, 0, 4, 0), newText: '  annotations:\n    k8s-svc-lint.io/ignore: schema\n' }]],
      ['Fix all auto-fixable k8s-svc-lint problems in this file', 'quickfix', [{ range: range(0, 0, 11, 0), newText: SERVICE.replace('clusterIP', 'ClusterIP') }]],
    ]);
    expect(onType[0].isPreferred).toBe(true);
    expect(onType[0].diagnostics.map((d: any) => d.code)).toEqual(['schema']);

    const onTargetPort = await client.request('textDocument/codeAction', { textDocument: { uri }, range: range(10, 19, 10, 19), context: { diagnostics: [] } });
    expect(onTargetPort[0]).toMatchObject({
      title: 'Change the targetPort to "htpt"',
      kind: 'quickfix',
      edit: { changes: { [uri]: [{ range: range(10, 18, 10, 22), newText: 'htpt' }] } },
    });

    const fixAll = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: range(0, 0, 0, 0),
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(fixAll.map((a: any) => [a.kind, a.edit.changes[uri][0].newText])).toEqual([['source.fixAll.k8s-svc-lint', SERVICE.replace('clusterIP', 'ClusterIP')]]);
  });

  it('applying the suppression comment silences the finding', async () => {
    const { client, path } = await start({ 'svc.yaml': SERVICE });
    const first = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE);
    await first;
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: LspClient.uri(path('svc.yaml')) },
      range: range(5, 10, 5, 10),
      context: { diagnostics: [] },
    });
    const disable = actions.find((a: any) => a.title === 'Disable schema for this line');
    const edit = disable.edit.changes[LspClient.uri(path('svc.yaml'))][0];
    const after = client.nextDiagnostics(path('svc.yaml'));
    client.change(path('svc.yaml'), edit.newText, edit.range);
    expect((await after).diagnostics).toEqual([]);
  });

  it("shows the rule's description, remediation and page on hover over a finding, and nothing elsewhere", async () => {
    const { client, path } = await start({ 'svc.yaml': SERVICE });
    const uri = LspClient.uri(path('svc.yaml'));
    const published = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE);
    await published;
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 12 } });
    expect(hover.range).toEqual(range(5, 8, 5, 17));
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain('**schema**');
    expect(hover.contents.value).toContain(`[Rule documentation](${DOCS}schema.md)`);
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } })).toBeNull();
  });

  it('turns half-typed YAML into one yaml-syntax finding and keeps serving', async () => {
    const { client, path } = await start({});
    const file = path('svc.yaml');
    const first = client.nextDiagnostics(file);
    client.open(file, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [web\n');
    const broken = (await first).diagnostics;
    expect(broken.map((d: any) => [d.code, d.severity])).toEqual([['yaml-syntax', 1]]);

    const second = client.nextDiagnostics(file);
    client.change(file, SERVICE.replace('clusterIP', 'ClusterIP'));
    expect((await second).diagnostics).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  });

  it('reports a Helm template as the CLI does', async () => {
    const template = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n';
    const { client, path } = await start({});
    const published = client.nextDiagnostics(path('service.yaml'));
    client.open(path('service.yaml'), template);
    expect((await published).diagnostics.map((d: any) => [d.code, d.severity, d.range])).toEqual([['helm-template', 2, range(3, 8, 3, 38)]]);
  });

  it('applies the namespace a kustomization gives a file', async () => {
    const { client, path } = await start({
      'kustomization.yaml': 'namespace: shop\nresources:\n  - svc.yaml\n',
      'deploy.yaml': deployment('htpt').replace('name: web\nspec', 'name: web\n  namespace: shop\nspec'),
    });
    // svc.yaml names no namespace: the kustomization puts it in shop, next to the Deployment it selects.
    const text = SERVICE.replace('clusterIP', 'ClusterIP');
    writeFileSync(path('svc.yaml'), text);
    const published = client.nextDiagnostics(path('svc.yaml'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: LspClient.uri(path('svc.yaml')), type: 1 }] });
    client.open(path('svc.yaml'), text);
    expect((await published).diagnostics.map((d: any) => d.code)).toEqual(['service-target-port']);
  });

  it('shows a bad config as one finding on the config file, lints on, and picks up the corrected config', async () => {
    const { client, path } = await start({ '.k8s-svc-lint.yaml': 'rules:\n  schema: of\n', 'svc.yaml': SERVICE });
    const configProblem = client.nextDiagnostics(path('.k8s-svc-lint.yaml'));
    const service = client.nextDiagnostics(path('svc.yaml'));
    client.open(path('svc.yaml'), SERVICE);
    const { diagnostics } = await configProblem;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'config', severity: 1, range: range(0, 0, 1, 0) });
    expect(diagnostics[0].message).toContain('"rules.schema" is "of"');
    expect((await service).diagnostics.map((d: any) => d.code)).toEqual(['schema']);

    writeFileSync(path('.k8s-svc-lint.yaml'), 'rules:\n  schema: off\n');
    const cleared = client.nextDiagnostics(path('.k8s-svc-lint.yaml'));
    const relinted = client.nextDiagnostics(path('svc.yaml'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: LspClient.uri(path('.k8s-svc-lint.yaml')), type: 2 }] });
    expect((await cleared).diagnostics).toEqual([]);
    expect((await relinted).diagnostics).toEqual([]);
  });

  it("does not lint an open file that the config's ignorePatterns skip", async () => {
    const { client, path, root } = await start({ '.k8s-svc-lint.yaml': 'ignorePatterns: [vendor/]\n', 'svc.yaml': SERVICE });
    const vendored = join(root, 'vendor', 'svc.yaml');
    const published = client.nextDiagnostics(path('svc.yaml'));
    client.open(vendored, SERVICE);
    client.open(path('svc.yaml'), SERVICE);
    expect((await published).diagnostics.map((d: any) => d.code)).toEqual(['schema']);
    const forVendored = client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === LspClient.uri(vendored));
    expect(forVendored.flatMap((m) => m.params.diagnostics)).toEqual([]);
  });

  it('survives a client that sends nonsense', async () => {
    const { client, path } = await start({});
    client.notify('textDocument/didChange', { textDocument: { uri: 'file:///nowhere.yaml', version: 2 }, contentChanges: [{ text: 'x' }] });
    await expect(
      client.request('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.yaml' }, range: range(0, 0, 0, 0), context: { diagnostics: [] } }),
    ).resolves.toEqual([]);
    const published = client.nextDiagnostics(path('a.json'));
    client.open(path('a.json'), '{"apiVersion": "v1", "kind": "Service", "metadata": {', 'json');
    expect((await published).diagnostics.map((d: any) => d.code)).toEqual(['yaml-syntax']);
    expect(await client.shutdown()).toBe(0);
  });
});
