import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint, lintText } from '../src/lint.js';
import { parseSource } from '../src/source/parse.js';
import { decodeSource } from '../src/source/read.js';

/** The findings of one text, as `ruleId line:column-endLine:endColumn` plus the messageId. */
async function findings(text: string): Promise<{ ruleId: string | null; messageId?: string; at: string; fatal?: boolean; message: string }[]> {
  const { results } = await lintText(text, { filePath: '/virtual/input.yaml' });
  expect(results).toHaveLength(1);
  return results[0]!.messages.map((m) => ({
    ruleId: m.ruleId,
    messageId: m.messageId,
    at: `${m.line}:${m.column}-${m.endLine}:${m.endColumn}`,
    ...(m.fatal ? { fatal: true } : {}),
    message: m.message,
  }));
}

/** Like findings, without the message text. */
async function positions(text: string): Promise<string[]> {
  return (await findings(text)).map((f) => `${f.ruleId} ${f.at}`);
}

/** A NodePort Service of 9 lines; `nodePort` is on line 9, its value at columns 17-22. */
function service(name: string, nodePort: number | string, metadataExtra = '', beforeNodePort = ''): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(metadataExtra === '' ? [] : [metadataExtra]),
    'spec:',
    '  type: NodePort',
    '  ports:',
    '    - port: 80',
    ...(beforeNodePort === '' ? [] : [beforeNodePort]),
    `      nodePort: ${nodePort}`,
    '',
  ].join('\n');
}

const OUT_OF_RANGE = 'nodePort 40000 is outside the node port range 30000-32767; the API server rejects it. Pick a port in the range, or leave it out to have one allocated';

describe('positions', () => {
  it('a single document: the nodePort value', async () => {
    expect(await findings(service('web', 40000))).toEqual([{ ruleId: 'nodeport-range', messageId: 'outOfRange', at: '9:17-9:22', message: OUT_OF_RANGE }]);
  });

  it('multi-document stream: a finding in document 3 has its line in the file', async () => {
    const text = `${service('a', 30001)}---\n${service('b', 30002)}---\n${service('c', 40000)}`;
    expect(await positions(text)).toEqual(['nodeport-range 29:17-29:22']);
  });

  it('kind: List: positions inside the items', async () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata:',
      '      name: first',
      '    spec:',
      '      type: NodePort',
      '      ports:',
      '        - port: 80',
      '          nodePort: 30001',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata:',
      '      name: second',
      '    spec:',
      '      type: NodePort',
      '      ports:',
      '        - port: 80',
      '          nodePort: 40000',
      '',
    ].join('\n');
    expect(await positions(text)).toEqual(['nodeport-range 21:21-21:26']);
  });

  it('a BOM does not shift columns', async () => {
    const text = `\ufeff${service('web', 40000)}`;
    expect(await positions(text)).toEqual(['nodeport-range 9:17-9:22']);
    const parsed = parseSource('bom.yaml', text);
    expect(parsed.text.charCodeAt(0)).toBe('a'.charCodeAt(0));
    expect(parsed.problems).toEqual([]);
    // Read from disk, the BOM arrives as bytes EF BB BF.
    const fromBytes = decodeSource('bom.yaml', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(service('web', 40000))]));
    expect(fromBytes.text.startsWith('apiVersion: v1')).toBe(true);
    expect(fromBytes.documents).toHaveLength(1);
  });

  it('CRLF line endings give the same lines and columns as LF', async () => {
    const lf = service('web', 40000);
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(crlf).toContain('\r\n');
    expect(await findings(crlf)).toEqual(await findings(lf));
    expect(await positions(crlf)).toEqual(['nodeport-range 9:17-9:22']);
  });

  it('JSON manifests', async () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] } }, null, 2);
    expect(text.split('\n')[11]).toBe('        "nodePort": 40000');
    expect(await positions(text)).toEqual(['nodeport-range 12:21-12:26']);
  });
});

describe('bad YAML', () => {
  it('a syntax error in one document: the other documents are still linted', async () => {
    const broken = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web: v2', ''].join('\n');
    const text = `${service('a', 40000)}---\n${broken}---\n${service('c', 40001)}`;
    const found = await findings(text);
    expect(found.map((f) => `${f.ruleId} ${f.at}${f.fatal ? ' fatal' : ''}`)).toEqual(['nodeport-range 9:17-9:22', 'yaml-syntax 14:9-14:10 fatal', 'nodeport-range 24:17-24:22']);
    expect(found[1]!.message).toBe('YAML syntax error: Nested mappings are not allowed in compact mappings');
    const { results } = await lintText(text);
    expect(results[0]).toMatchObject({ errorCount: 3, fatalErrorCount: 1, warningCount: 0 });
  });

  it('duplicate keys are reported, and the document is still linted', async () => {
    const text = service('first', 40000, '  name: second');
    const found = await findings(text);
    expect(found.map((f) => `${f.ruleId} ${f.at}${f.fatal ? ' fatal' : ''}`)).toEqual(['duplicate-key 5:3-5:7', 'nodeport-range 10:17-10:22']);
    expect(found[0]!.message).toBe('Key `name` appears twice in the same mapping; the API server rejects duplicate fields (kubectl validates strictly); keep one');
  });

  it('an alias bomb ("billion laughs") becomes a finding and does not hang', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `${service('before', 40000)}---\n${levels.join('\n')}\n`;
    const started = Date.now();
    const found = await findings(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found.map((f) => `${f.ruleId} ${f.at}${f.fatal ? ' fatal' : ''}`)).toEqual(['nodeport-range 9:17-9:22', 'yaml-syntax 11:1-11:2 fatal']);
    expect(found[1]!.message).toBe('This document could not be read: Excessive alias count indicates a resource exhaustion attack');
  }, 10_000);

  it('invalid UTF-8 and binary bytes give a yaml-syntax finding; other files are still linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-source-'));
    try {
      writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([...Buffer.from('metadata:\n  name: caf'), 0xe9, 0x0a]));
      writeFileSync(join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
      writeFileSync(join(dir, 'valid.yaml'), service('web', 40000));
      writeFileSync(join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(service('web2', 40000), 'utf16le')]));
      const { results } = await lint({ patterns: ['.'], cwd: dir, config: {} });
      const summary = results.map((r) => ({
        file: r.filePath.slice(dir.length + 1),
        messages: r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}${m.fatal ? ' fatal' : ''} ${m.message}`),
      }));
      expect(summary).toEqual([
        { file: 'image.yaml', messages: ['yaml-syntax 1:1 fatal This is a binary file, not YAML; it was not linted'] },
        { file: 'latin1.yaml', messages: ['yaml-syntax 1:1 fatal This file is not valid UTF-8 text; Kubernetes manifests must be UTF-8'] },
        {
          file: 'utf16.yaml',
          messages: ['yaml-syntax 1:1 fatal This file is UTF-16 text; Kubernetes manifests must be UTF-8: save it as UTF-8 (it was not linted)'],
        },
        { file: 'valid.yaml', messages: [`nodeport-range 9:17 ${OUT_OF_RANGE}`] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Helm templates', () => {
  it('a template gives exactly one finding, at the first action', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ .Release.Name }}',
      'spec:',
      '  type: NodePort',
      '  ports:',
      '    - port: {{ .Values.port }}',
      '      nodePort: 40000',
      '',
    ].join('\n');
    const found = await findings(text);
    expect(found).toEqual([
      {
        ruleId: 'helm-template',
        messageId: 'problem',
        at: '4:9-4:28',
        fatal: true,
        message: 'This file is a Helm template (`{{ ... }}`), not a manifest; lint the rendered output instead: `helm template <chart> | k8s-svc-lint -`',
      },
    ]);
    const { results } = await lintText(text);
    expect(results[0]!.messages[0]!.severity).toBe(1);
  });

  it('a template that does not parse as YAML (`{{- include ... | nindent }}`) is detected too', async () => {
    const text = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  labels:', '    {{- include "chart.labels" . | nindent 4 }}', ''].join('\n');
    expect(await positions(text)).toEqual(['helm-template 6:5-6:48']);
  });

  it('not for Prometheus `{{ $labels.x }}` inside a block scalar', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: alert-rules',
      'data:',
      '  alerts.yaml: |',
      '    groups:',
      '      - name: availability',
      '        rules:',
      '          - alert: InstanceDown',
      '            expr: up == 0',
      '            annotations:',
      '              summary: "{{ $labels.instance }} of {{ $labels.job }} is down"',
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([]);
  });

  it('a template wrapped in `{{- if }}` ... `{{- end }}`', async () => {
    const text = ['{{- if .Values.ingress.enabled -}}', 'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: web', '{{- end }}', ''].join('\n');
    expect(await positions(text)).toEqual(['helm-template 1:1-1:35']);
  });

  it('a Prometheus template next to a real syntax error: the syntax error is reported, not a Helm template', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: alert-rules',
      'data:',
      '  alerts.yaml: |',
      '    - alert: InstanceDown',
      '      summary: "{{ $labels.instance }} is down"',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector: app: web',
      '',
    ].join('\n');
    const found = await findings(text);
    expect(found.map((f) => `${f.ruleId} ${f.at}${f.fatal ? ' fatal' : ''}`)).toEqual(['yaml-syntax 15:13-15:14 fatal']);
    const { results } = await lintText(text);
    expect(results[0]!.errorCount).toBe(1);
  });

  it('not for Argo parameters in quoted strings', async () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Workflow',
      'metadata:',
      '  name: hello',
      'spec:',
      '  arguments:',
      '    parameters:',
      '      - name: message',
      '        value: "{{workflow.parameters.greeting}}"',
      '      - name: other',
      "        value: '{{ .Values.x }}'",
      '',
    ].join('\n');
    expect(await findings(text)).toEqual([]);
  });
});

describe('documents that are not Kubernetes objects', () => {
  it('documents without apiVersion or kind are skipped silently', async () => {
    const text = `foo: bar\n---\nkind: Service\nmetadata:\n  name: no-api-version\n---\napiVersion: v1\n---\n${service('real', 40000)}`;
    expect(parseSource('x.yaml', text).documents).toHaveLength(4);
    expect(await positions(text)).toEqual(['nodeport-range 17:17-17:22']);
  });

  it.each([
    ['an empty file', ''],
    ['a file of only `---`', '---\n---\n---\n'],
    ['a comment only', '# nothing here\n'],
    ['a scalar document', 'hello\n'],
    ['a number', '42\n'],
    ['a list', '- a\n- b\n'],
    ['null', 'null\n'],
  ])('%s: no finding', async (_name, text) => {
    expect(await findings(text)).toEqual([]);
    expect(parseSource('x.yaml', text).problems).toEqual([]);
  });

  it('an empty file still has a (clean) result', async () => {
    const { results } = await lintText('', { filePath: '/virtual/empty.yaml' });
    expect(results).toEqual([expect.objectContaining({ filePath: '/virtual/empty.yaml', messages: [], errorCount: 0, warningCount: 0 })]);
  });
});

describe('YAML 1.1, as the API server decodes', () => {
  it('an unquoted `yes` annotation is a boolean, reported by the schema rule', async () => {
    const text = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  annotations:', '    x: yes', 'spec:', '  ports:', '    - port: 80', ''].join('\n');
    expect(await findings(text)).toEqual([
      {
        ruleId: 'schema',
        messageId: 'type',
        at: '6:8-6:11',
        message: 'metadata.annotations.x must be a string, but it is boolean true; quote the value (YAML reads unquoted true/false, yes/no and on/off as booleans)',
      },
    ]);
  });

  it('a quoted "yes" is a string and clean', async () => {
    const text = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  annotations:', '    x: "yes"', 'spec:', '  ports:', '    - port: 80', ''].join('\n');
    expect(await findings(text)).toEqual([]);
  });

  it('`mode: 0755` is octal 493; quoted it stays a string', () => {
    const parsed = parseSource('x.yaml', 'mode: 0755\nquoted: "0755"\non: on\nplain: 755\n');
    expect(parsed.documents[0]!.value).toEqual({ mode: 493, quoted: '0755', true: true, plain: 755 });
  });
});

describe('suppression', () => {
  const twoPorts = (before2 = ''): string =>
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      'spec:',
      '  type: NodePort',
      '  ports:',
      '    - port: 80',
      '      nodePort: 40000',
      '      name: http',
      ...(before2 === '' ? [] : [before2]),
      '    - port: 81',
      '      nodePort: 40001',
      '      name: metrics',
      '',
    ].join('\n');

  async function split(text: string): Promise<{ reported: string[]; suppressed: string[]; errorCount: number }> {
    const { results } = await lintText(text);
    const r = results[0]!;
    return {
      reported: r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`),
      suppressed: (r.suppressedMessages ?? []).map((m) => `${m.ruleId} ${m.line}:${m.column} ${JSON.stringify(m.suppressions)}`),
      errorCount: r.errorCount,
    };
  }
  const byDirective = '[{"kind":"directive","justification":""}]';
  // Without a reason after ` -- `, an annotation's justification is its value.
  const byAnnotation = (value: string): string => `[{"kind":"annotation","justification":"${value}"}]`;

  it('`# k8s-svc-lint-disable-next-line nodeport-range`', async () => {
    const text = service('web', 40000, '', '      # k8s-svc-lint-disable-next-line nodeport-range');
    expect(await split(text)).toEqual({ reported: [], suppressed: [`nodeport-range 10:17 ${byDirective}`], errorCount: 0 });
  });

  it('directives work with CRLF line endings', async () => {
    const text = service('web', 40000, '', '      # k8s-svc-lint-disable-next-line nodeport-range -- allowed here').replace(/\n/g, '\r\n');
    expect(await split(text)).toEqual({ reported: [], suppressed: ['nodeport-range 10:17 [{"kind":"directive","justification":"allowed here"}]'], errorCount: 0 });
  });

  it('disable-next-line covers only the next line', async () => {
    const text = `# k8s-svc-lint-disable-next-line nodeport-range\n${service('web', 40000)}`;
    expect(await split(text)).toEqual({ reported: ['nodeport-range 10:17'], suppressed: [], errorCount: 1 });
  });

  it('disable-next-line for another rule does not suppress', async () => {
    const text = service('web', 40000, '', '      # k8s-svc-lint-disable-next-line nodeport-type -- not this one');
    expect(await split(text)).toEqual({ reported: ['nodeport-range 10:17'], suppressed: [], errorCount: 1 });
  });

  it('`# k8s-svc-lint-disable-line` (every rule) at the end of the line', async () => {
    const text = service('web', '40000 # k8s-svc-lint-disable-line');
    expect(await split(text)).toEqual({ reported: [], suppressed: [`nodeport-range 9:17 ${byDirective}`], errorCount: 0 });
  });

  it('`# k8s-svc-lint-disable nodeport-range` covers the rest of its document only', async () => {
    const text = `${twoPorts('    # k8s-svc-lint-disable nodeport-range')}---\n${service('next', 40002)}`;
    expect(await split(text)).toEqual({
      reported: ['nodeport-range 9:17', 'nodeport-range 24:17'],
      suppressed: [`nodeport-range 13:17 ${byDirective}`],
      errorCount: 2,
    });
  });

  it('a disable directive at the top of a later document covers that document', async () => {
    const text = `${service('first', 40000)}---\n# k8s-svc-lint-disable nodeport-range\n${service('second', 40001)}`;
    expect(await split(text)).toEqual({ reported: ['nodeport-range 9:17'], suppressed: [`nodeport-range 20:17 ${byDirective}`], errorCount: 1 });
  });

  it('the annotation `k8s-svc-lint.io/ignore: "nodeport-range"`', async () => {
    const ignored = service('ignored', 40000, '  annotations:\n    k8s-svc-lint.io/ignore: "nodeport-range"');
    const text = `${ignored}---\n${service('other', 40001)}`;
    expect(await split(text)).toEqual({
      reported: ['nodeport-range 21:17'],
      suppressed: [`nodeport-range 11:17 ${byAnnotation('nodeport-range')}`],
      errorCount: 1,
    });
  });

  it('the annotation takes a list of rules', async () => {
    const text = service('web', 40000, '  annotations:\n    k8s-svc-lint.io/ignore: "nodeport-type, nodeport-range"');
    expect(await split(text)).toEqual({ reported: [], suppressed: [`nodeport-range 11:17 ${byAnnotation('nodeport-type, nodeport-range')}`], errorCount: 0 });
  });

  it('an annotation naming another rule does not suppress', async () => {
    const text = service('web', 40000, '  annotations:\n    k8s-svc-lint.io/ignore: "nodeport-type"');
    expect(await split(text)).toEqual({ reported: ['nodeport-range 11:17'], suppressed: [], errorCount: 1 });
  });

  it('directive text inside a string value is data, not a directive', async () => {
    const text = service('web', 40000, '  annotations:\n    script: |\n      # k8s-svc-lint-disable\n    note: "see # k8s-svc-lint-disable nodeport-range, x"');
    expect(await split(text)).toEqual({ reported: ['nodeport-range 13:17'], suppressed: [], errorCount: 1 });
  });

  it('source findings can be suppressed by a directive too', async () => {
    const text = `# k8s-svc-lint-disable duplicate-key\n${service('first', 30001, '  name: second')}`;
    expect(await split(text)).toEqual({ reported: [], suppressed: [`duplicate-key 6:3 ${byDirective}`], errorCount: 0 });
  });
});

describe('parseSource', () => {
  let parsed: ReturnType<typeof parseSource>;
  beforeAll(() => {
    parsed = parseSource('x.yaml', `${service('a', 30001)}---\n${service('b', 30002)}`);
  });

  it('keeps every document with its index in the stream', () => {
    expect(parsed.documents.map((d) => [d.index, (d.value as { metadata: { name: string } }).metadata.name])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  it('keeps a document index after a broken document', () => {
    const withBroken = parseSource('x.yaml', `${service('a', 30001)}---\nkey: [oops\n---\n${service('c', 30003)}`);
    expect(withBroken.documents.map((d) => d.index)).toEqual([0, 2]);
    expect(withBroken.problems.map((p) => [p.ruleId, p.fatal])).toEqual([['yaml-syntax', true]]);
  });
});
