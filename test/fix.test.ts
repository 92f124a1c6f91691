/**
 * `--fix` and `--fix-dry-run` end to end: the built CLI (`dist/src/cli/main.js`) on temporary files
 * with comments, blank lines, flow and block styles, a multi-document stream, a `kind: List` with CRLF
 * line ends, a byte order mark. Checks the exact text written, that a second --fix writes nothing,
 * that --fix-dry-run writes nothing and shows the text in the JSON `output`, the exit codes, that a
 * file with a YAML syntax error is never written, and that the fixed manifests pass the rules that
 * flagged them.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, lintText, outputFixes } from '../src/index.js';

const BIN = join(import.meta.dirname, '..', 'dist/src/cli/main.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let root: string;

function cli(cwd: string, args: readonly string[], input = ''): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, DEBUG: undefined };
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: join(root, cwd), env, input, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function write(path: string, text: string | Buffer): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function read(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Sets a file's mtime far in the past, so that any write shows. */
const PAST = new Date('2001-02-03T04:05:06Z');
function age(path: string): void {
  utimesSync(join(root, path), PAST, PAST);
}
function untouched(path: string): boolean {
  return statSync(join(root, path)).mtimeMs === PAST.getTime();
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; severity: number; message: string }[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
}

function json(run: Run): JsonResult[] {
  return JSON.parse(run.stdout) as JsonResult[];
}

/** A multi-document stream in block and flow styles, with comments and blank lines. */
const SHOP = `# Shop manifests: a multi-document stream.
---
# The Service (block style)
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    # NLB in IP mode
    service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip # legacy form

    service.beta.kubernetes.io/aws-load-balancer-internal: "true"
spec:
  type: LoadBalancer   # a public entry point
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: http
    protocol: tcp
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    kubernetes.io/ingress.class: alb
    alb.ingress.kubernetes.io/target-type: ip

spec:
  backend: {serviceName: web, servicePort: http}
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        backend:
          serviceName: web   # the Service above
          servicePort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - {name: http, containerPort: 8080}
`;

const SHOP_FIXED = `# Shop manifests: a multi-document stream.
---
# The Service (block style)
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    # NLB in IP mode
    service.beta.kubernetes.io/aws-load-balancer-type: external # legacy form
    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip

    service.beta.kubernetes.io/aws-load-balancer-scheme: "internal"
spec:
  type: LoadBalancer   # a public entry point
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: http
    protocol: TCP
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    alb.ingress.kubernetes.io/target-type: ip

spec:
  ingressClassName: alb
  defaultBackend: {service: {name: web, port: {name: http}}}
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: ImplementationSpecific
        backend:
          service:   # the Service above
            name: web
            port:
              number: 80
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - {name: http, containerPort: 8080}
`;

/** A `kind: List` as Windows editors save it: CRLF line ends. */
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const LIST = crlf(`apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1beta1
  kind: IngressClass
  metadata:
    name: alb
  spec:
    controller: ingress.k8s.aws/alb
- apiVersion: extensions/v1beta1
  kind: NetworkPolicy
  metadata: {name: allow-web, namespace: shop}
  spec:
    podSelector: {matchLabels: {app: web}}
    ingress:
    - ports:
      - {port: http, protocol: tcp}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: default-deny, namespace: shop}
  spec: {podSelector: {}, policyTypes: [Ingress]}
`);
const LIST_FIXED = crlf(`apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: IngressClass
  metadata:
    name: alb
  spec:
    controller: ingress.k8s.aws/alb
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: allow-web, namespace: shop}
  spec:
    podSelector: {matchLabels: {app: web}}
    ingress:
    - ports:
      - {port: http, protocol: TCP}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: default-deny, namespace: shop}
  spec: {podSelector: {}, policyTypes: [Ingress]}
`);

/** One fixable mistake and a YAML syntax error in another document of the same file. */
const BROKEN = `apiVersion: v1
kind: Service
metadata:
  name: typo
spec:
  type: nodeport
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  selector: app: web
`;

/** The rules that flag SHOP and LIST. */
const FLAGGING = ['aws-annotation-deprecated', 'deprecated-api-version', 'networkpolicy-ports', 'schema', 'service-target-port'];

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm run build)`);
  root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-fix-')));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('--fix on real files', () => {
  it('rewrites exactly the fixed fields, keeping comments, blank lines, order, flow and block styles and CRLF; exit 0 when all is fixed', () => {
    write('shop/shop.yaml', SHOP);
    write('shop/list.yaml', LIST);
    const before = json(cli('shop', ['.', '-f', 'json']));
    expect(new Set(before.flatMap((r) => r.messages.map((m) => m.ruleId)))).toEqual(new Set(FLAGGING));
    // 8 findings carry a fix; the other 2 (a named port looked up for protocol tcp, by the Service and
    // by the NetworkPolicy) go away with the protocol fixes.
    expect(before.reduce((n, r) => n + r.fixableErrorCount + r.fixableWarningCount, 0)).toBe(8);
    expect(before.reduce((n, r) => n + r.errorCount + r.warningCount, 0)).toBe(10);

    const run = cli('shop', ['--fix', '.']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(read('shop/shop.yaml')).toBe(SHOP_FIXED);
    expect(read('shop/list.yaml')).toBe(LIST_FIXED);

    // The fixed manifests pass the rules that flagged them (and every other).
    const after = json(cli('shop', ['.', '-f', 'json']));
    expect(after.flatMap((r) => r.messages)).toEqual([]);
  });

  it('is idempotent: a second --fix changes nothing and writes nothing', () => {
    write('again/shop.yaml', SHOP);
    write('again/list.yaml', LIST);
    expect(cli('again', ['--fix', '.']).code).toBe(0);
    age('again/shop.yaml');
    age('again/list.yaml');
    const run = cli('again', ['--fix', '.', '-f', 'json']);
    expect(run.code).toBe(0);
    expect(json(run).every((r) => r.output === undefined)).toBe(true);
    expect(read('again/shop.yaml')).toBe(SHOP_FIXED);
    expect(read('again/list.yaml')).toBe(LIST_FIXED);
    expect(untouched('again/shop.yaml') && untouched('again/list.yaml')).toBe(true);
  });

  it('--fix-dry-run writes nothing; with --format json each fixed file has `output` and only what is left is reported', () => {
    write('dry/shop.yaml', SHOP);
    write('dry/list.yaml', LIST);
    age('dry/shop.yaml');
    age('dry/list.yaml');
    const run = cli('dry', ['--fix-dry-run', '-f', 'json', 'shop.yaml', 'list.yaml']);
    expect(run.code).toBe(0);
    const results = json(run);
    expect(results.map((r) => [r.filePath, r.output])).toEqual([
      [join(root, 'dry/list.yaml'), LIST_FIXED],
      [join(root, 'dry/shop.yaml'), SHOP_FIXED],
    ]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
    expect(read('dry/shop.yaml')).toBe(SHOP);
    expect(read('dry/list.yaml')).toBe(LIST);
    expect(untouched('dry/shop.yaml') && untouched('dry/list.yaml')).toBe(true);
  });

  it('never writes a file with a YAML syntax error, even where another of its documents could be fixed', () => {
    write('broken/svc.yaml', BROKEN);
    age('broken/svc.yaml');
    const run = cli('broken', ['--fix', 'svc.yaml', '-f', 'json']);
    expect(run.code).toBe(1);
    const [result] = json(run);
    expect(result!.output).toBeUndefined();
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['schema', 'yaml-syntax']);
    expect(read('broken/svc.yaml')).toBe(BROKEN);
    expect(untouched('broken/svc.yaml')).toBe(true);
  });

  it('exit 1 when errors are left that have no fix; the fixable ones are fixed', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: nodeport
  ports:
  - port: 80
    nodePort: 40000
`;
    write('left/svc.yaml', text);
    const run = cli('left', ['--fix', 'svc.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nodeport-range');
    expect(run.stdout).not.toContain('schema');
    expect(read('left/svc.yaml')).toBe(text.replace('nodeport', 'NodePort'));
  });

  it('keeps a byte order mark, the permission bits, and a symbolic link (its target gets the text)', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: nodeport\n  ports:\n  - port: 80\n';
    write('kept/target/svc.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    chmodSync(join(root, 'kept/target/svc.yaml'), 0o640);
    mkdirSync(join(root, 'kept/named'), { recursive: true });
    symlinkSync('../target/svc.yaml', join(root, 'kept/named/svc.yaml'));
    const run = cli('kept', ['--fix', 'named/svc.yaml']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(lstatSync(join(root, 'kept/named/svc.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'kept/named/svc.yaml'))).toBe('../target/svc.yaml');
    const bytes = readFileSync(join(root, 'kept/target/svc.yaml'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(text.replace('nodeport', 'NodePort'));
    expect(statSync(join(root, 'kept/target/svc.yaml')).mode & 0o777).toBe(0o640);
  });

  it('with --quiet, only errors are fixed (warnings are neither reported nor fixed, as in ESLint)', () => {
    write('quiet/shop.yaml', SHOP);
    const run = cli('quiet', ['--fix', '--quiet', 'shop.yaml']);
    expect(run.code).toBe(0);
    const text = read('quiet/shop.yaml');
    expect(text).toContain('aws-load-balancer-type: nlb-ip'); // a warning of aws-annotation-deprecated
    expect(text).toContain('kubernetes.io/ingress.class: alb');
    expect(text).toContain('apiVersion: networking.k8s.io/v1\nkind: Ingress'); // an error of deprecated-api-version
    expect(text).toContain('protocol: TCP');
  });

  it('--verbose names the files fixed', () => {
    write('verbose/list.yaml', LIST);
    const run = cli('verbose', ['--fix', '--verbose', 'list.yaml']);
    expect(run.stderr).toContain('k8s-svc-lint: fixed list.yaml\n');
    const dry = cli('verbose', ['--fix-dry-run', '--verbose', 'list.yaml']);
    expect(dry.stderr).not.toContain('fixed list.yaml');
  });
});

describe('--fix with stdin and bad usage', () => {
  it('stdin with --fix-dry-run --format json: the fixed text is the result `output`', () => {
    const run = cli('.', ['-', '--fix-dry-run', '-f', 'json'], LIST);
    expect(run.code).toBe(0);
    const [result] = json(run);
    expect(result!.filePath).toBe('<stdin>');
    expect(result!.output).toBe(LIST_FIXED);
  });

  it('--fix with stdin is a usage error: there is no file to write (exit 2)', () => {
    const run = cli('.', ['-', '--fix'], LIST);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('k8s-svc-lint: --fix cannot write to stdin input; use --fix-dry-run --format json to see the fixed text\nRun `k8s-svc-lint --help` for usage.\n');
  });

  it('--fix and --fix-dry-run together are a usage error (exit 2)', () => {
    write('both/svc.yaml', BROKEN);
    const run = cli('both', ['--fix', '--fix-dry-run', 'svc.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fix and --fix-dry-run cannot be used together');
  });

  it('--help mentions both options', () => {
    const run = cli('.', ['--help']);
    expect(run.stdout).toMatch(/--fix {2,}/);
    expect(run.stdout).toMatch(/--fix-dry-run {2,}/);
  });
});

describe('library', () => {
  it('lint({ fix: true }) computes `output`; outputFixes writes it', async () => {
    const path = write('lib/list.yaml', LIST);
    const { results } = await lint({ patterns: [path], cwd: root, config: {}, fix: true });
    expect(results[0]!.output).toBe(LIST_FIXED);
    expect(read('lib/list.yaml')).toBe(LIST);
    expect(await outputFixes(results)).toEqual([]);
    expect(read('lib/list.yaml')).toBe(LIST_FIXED);
  });

  it('lintText({ fix: true }): the fixed text is the result `output`', async () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: nodeport # typo\n  ports:\n  - port: 80\n';
    const { results } = await lintText(text, { filePath: 'svc.yaml', fix: true });
    expect(results[0]!.output).toBe(text.replace('nodeport', 'NodePort'));
    expect(results[0]!.messages).toEqual([]);
  });

  it('a fix predicate chooses which findings to fix', async () => {
    const path = write('lib/shop.yaml', SHOP);
    const { results } = await lint({ patterns: [path], cwd: root, config: {}, fix: (problem) => problem.ruleId === 'schema' });
    expect(results[0]!.output).toBe(SHOP.replace('protocol: tcp', 'protocol: TCP'));
  });
});
