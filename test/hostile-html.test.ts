/// <reference lib="dom" />
// Hostile repositories (issue 21), the HTML report in headless Chromium: names, namespaces, labels and
// file names carrying HTML, script, event handlers and control characters are shown as text; the page
// runs no script but its own, loads nothing, opens no dialog and has no error. Skipped where
// /usr/bin/chromium is missing (.ci/run installs it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

const NAMES = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  "'><iframe src=javascript:window.__pwned=4>",
  'javascript:window.__pwned=5',
  '\u001b[31mred\r\nline',
  '</title></style></textarea><b>bold</b>',
];

describe.skipIf(!hasChromium)(hasChromium ? 'hostile names in the HTML report, in headless Chromium' : `hostile names in the HTML report (skipped: ${CHROMIUM} is missing)`, () => {
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  const outside: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-hostile-html-'));
    mkdirSync(join(dir, 'manifests'));
    NAMES.forEach((name, i) => {
      const docs = [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name, namespace: name, labels: { [name]: name } },
          spec: { selector: { [name]: name }, ports: [{ name, port: 80, targetPort: name }] },
        },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { name, namespace: name },
          spec: { rules: [{ host: name, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name } } } }] } }] },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: name },
          spec: { selector: { matchLabels: { [name]: name } }, template: { metadata: { labels: { [name]: name } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
        },
        { apiVersion: 'v1', kind: 'constructor', metadata: { name, namespace: name } },
      ];
      writeFileSync(join(dir, 'manifests', `${i}-${name.replace(/\//g, '∕')}.yaml`), docs.map((d) => stringify(d)).join('---\n'));
    });
    const run = spawnSync(process.execPath, [CLI, 'graph', 'manifests', '--format', 'html', '-o', 'report.html'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });

    profile = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      offline: true,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every name as text and runs nothing of them', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`file://${join(dir, 'report.html')}`);
    await page.waitForTimeout(300);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    // Only our own elements: one script, no image, frame, or element from a name.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img, iframe, textarea, body b').count()).toBe(0);
    expect(await page.locator('[onerror], [onload]').count()).toBe(0);
    expect(await page.title()).toMatch(/k8s-svc-lint/);
    // The names are there, as text: in the findings and in the pictures' labels.
    const text = await page.locator('body').innerText();
    for (const name of NAMES.slice(0, 5)) expect(text).toContain(name.length > 20 ? name.slice(0, 20) : name);
    const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    for (const href of links) expect(href).not.toMatch(/^\s*javascript:/i);
  }, 60_000);
});
