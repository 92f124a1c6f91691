/// <reference lib="dom" />
/**
 * The HTML report as a person sees it: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) opens the report of the examples/ app with the network cut off, and the test
 * looks for the red edges and the findings, uses the filters, and keeps screenshots in test-results/
 * (git-ignored): the example app's report, and a 50-Service app on a laptop-sized window.
 * .ci/run installs chromium; where /usr/bin/chromium is missing the suite is skipped.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTEFACTS = join(ROOT, 'test-results');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`html-report.test.ts: skipped, ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);

/** Writes the HTML report of `paths` (run from `cwd`) to test-results/<name>.html. */
async function report(paths: string[], cwd: string, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const path = join(ARTEFACTS, `${name}.html`);
  let stderr = '';
  const code = await runCli(['graph', '--format', 'html', '-o', path, ...paths], {
    cwd,
    env: {},
    stdin: Readable.from([]),
    stdoutIsTTY: false,
    write: () => {},
    writeError: (text) => (stderr += text),
  });
  expect(code, stderr).toBe(0);
  return path;
}

/** An app of 5 namespaces × 10 Services (each selecting its Deployment, 4 behind an Ingress), with 4 broken references. */
function fiftyServices(dir: string): void {
  const docs: string[] = [];
  ['payments', 'catalog', 'search', 'accounts', 'shipping'].forEach((ns, n) => {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${ns} }\n`);
    if (n % 2 === 0)
      docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: default-deny, namespace: ${ns} }\nspec: { podSelector: {}, policyTypes: [Ingress] }\n`);
    const paths: string[] = [];
    for (let i = 0; i < 10; i++) {
      const name = i % 3 === 0 ? `${ns}-${['frontend', 'backend-api', 'recommendations', 'ledger'][i % 4]}` : `${ns}-svc-${i}`;
      const app = `${ns}-${i}`;
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  replicas: ${1 + (i % 3)}\n  selector: { matchLabels: { app: ${app} } }\n  template:\n    metadata: { labels: { app: ${app} } }\n    spec: { containers: [{ name: c, image: x, ports: [{ name: http, containerPort: 8080 }] }] }\n`,
      );
      const selector = n === 1 && i === 4 ? `${app}-typo` : app;
      const target = n === 2 && i === 7 ? 'htp' : 'http';
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  selector: { app: ${selector} }\n  ports: [{ name: http, port: 80, targetPort: ${target} }]\n`,
      );
      if (i < 4) paths.push(`          - { path: /p${i}, pathType: Prefix, backend: { service: { name: ${name}, port: { number: ${n === 3 && i === 2 ? 8080 : 80} } } } }`);
    }
    if (n === 4) paths.push('          - { path: /gone, pathType: Prefix, backend: { service: { name: retired, port: { number: 80 } } } }');
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ${ns}-public, namespace: ${ns} }\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: ${ns}.example.com\n      http:\n        paths:\n${paths.join('\n')}\n`,
    );
  });
  writeFileSync(join(dir, 'app.yaml'), docs.join('---\n'));
}

/**
 * 500 Services in 20 namespaces, each selecting its Deployment, 4 per namespace behind an Ingress with
 * several ports; one targetPort naming no container port deep in team-17 (an error) and one undeclared
 * targetPort number in team-05 (a warning, with the option that reports those).
 */
function fiveHundredServices(dir: string): void {
  const docs: string[] = [];
  for (let n = 0; n < 20; n++) {
    const ns = `team-${String(n).padStart(2, '0')}`;
    const paths: string[] = [];
    for (let i = 0; i < 25; i++) {
      const name = `${ns}-service-with-a-long-name-${i}`;
      const app = `${ns}-${i}`;
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  selector: { matchLabels: { app: ${app} } }\n  template:\n    metadata: { labels: { app: ${app} } }\n    spec: { containers: [{ name: c, image: x, ports: [{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090 }, { name: admin, containerPort: 9901 }] }] }\n`,
      );
      const http = n === 17 && i === 13 ? 'htp' : 'http';
      const admin = n === 5 && i === 3 ? 9999 : 'admin';
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  selector: { app: ${app} }\n  ports: [{ name: http, port: 80, targetPort: ${http} }, { name: metrics, port: 9090, targetPort: metrics }, { name: admin, port: 9901, targetPort: ${admin} }]\n`,
      );
      if (i < 4) paths.push(`          - { path: /p${i}, pathType: Prefix, backend: { service: { name: ${name}, port: { number: 80 } } } }`);
    }
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: ${ns}-public, namespace: ${ns} }\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: ${ns}.example.com\n      http:\n        paths:\n${paths.join('\n')}\n`,
    );
  }
  writeFileSync(join(dir, 'app.yaml'), docs.join('---\n'));
  writeFileSync(join(dir, '.k8s-svc-lint.yaml'), 'rules:\n  service-target-port: [error, { undeclaredNumbers: true }]\n');
}

describe.skipIf(!hasChromium)(hasChromium ? 'HTML report in headless Chromium' : `HTML report in headless Chromium (skipped: ${CHROMIUM} is missing)`, () => {
  let context: BrowserContext;
  let profile: string;
  /** Every request the pages made that is not the report itself: there must be none. */
  const outside: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      offline: true,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`file://${path}`);
    return page;
  }

  it('shows the broken references of examples/ as red edges, and filters the findings by rule and severity', async () => {
    const page = await open(await report(['examples/'], ROOT, 'html-report-examples'));
    await page.screenshot({ path: join(ARTEFACTS, 'html-report-examples.png'), fullPage: true });
    const rows = page.locator('#findings-table tbody tr');
    const visible = page.locator('#findings-table tbody tr:not([hidden])');

    // The picture: three red edges, each to a missing node named after the rule that found it.
    const red = page.locator('svg.graph .edge.broken');
    expect(await red.count()).toBe(3);
    const rules = (await red.evaluateAll((edges) => edges.map((e) => e.getAttribute('data-rule')))).sort();
    expect(rules).toEqual(['ingress-backend-port', 'service-selector-match', 'service-target-port']);
    expect(
      await red
        .first()
        .locator('path')
        .evaluate((p) => getComputedStyle(p).stroke),
    ).toBe('rgb(207, 34, 46)');
    const missing = (await page.locator('svg.graph .node.missing text').allTextContents()).join('\n');
    for (const text of ['ingress-backend-port', 'no port 3000 on api', 'service-selector-match', 'no pods with app=api-v1', 'service-target-port', 'no container port metric']) {
      expect(missing).toContain(text);
    }
    expect(await page.locator('svg.graph .node.service').count()).toBe(2);
    expect(await page.locator('svg.graph .node.workload').count()).toBe(2);
    expect(await page.locator('svg.graph .node.ingress').count()).toBe(1);
    expect(await page.locator('details.ns .iso').first().textContent()).toContain('default-deny: Ingress');
    // Names that do not fit their box end in an ellipsis.
    const overflowing = await page
      .locator('svg.graph text[data-fit]')
      .evaluateAll((texts) => texts.filter((t) => (t as SVGTextContentElement).getComputedTextLength() > Number(t.getAttribute('data-fit'))).map((t) => t.textContent));
    expect(overflowing).toEqual([]);

    // The findings: all 8, each with its file and line as a link.
    expect(await rows.count()).toBe(8);
    expect(await page.locator('#finding-count').textContent()).toBe('8 of 8 shown');
    const links = await page.locator('#findings-table td.loc a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    // Relative to the report (written to test-results/), so they open the manifest from where the report is.
    expect(links).toContainEqual(['../examples/ingress.yaml#L20', 'examples/ingress.yaml:20:27']);
    for (const [href, text] of links) {
      expect(href).toBe(`../${text!.split(':')[0]}#L${text!.split(':')[1]}`);
      expect(existsSync(fileURLToPath(new URL(href!, page.url())))).toBe(true);
    }
    const nodeLinks = await page.locator('svg.graph a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(nodeLinks).toContain('../examples/api.yaml#L41');
    for (const href of nodeLinks) expect(existsSync(fileURLToPath(new URL(href, page.url())))).toBe(true);

    await page.selectOption('#filter-rule', 'service-target-port');
    expect(await visible.count()).toBe(1);
    expect(await visible.first().textContent()).toContain('targetPort "metric" names no container port');
    expect(await page.locator('#finding-count').textContent()).toBe('1 of 8 shown');
    await page.selectOption('#filter-rule', '');
    await page.selectOption('#filter-severity', 'error');
    expect(await visible.count()).toBe(5);
    await page.selectOption('#filter-severity', 'warning');
    expect(await visible.count()).toBe(3);
    await page.selectOption('#filter-severity', '');
    await page.fill('#filter-text', 'ingress.yaml');
    expect(await visible.count()).toBe(2);
    await page.fill('#filter-text', '');
    expect(await visible.count()).toBe(8);

    // A red edge leads to its findings.
    await page.locator('svg.graph .edge.broken[data-rule="service-selector-match"]').dispatchEvent('click');
    expect(await page.inputValue('#filter-rule')).toBe('service-selector-match');
    expect(await visible.count()).toBe(1);
    await page.selectOption('#filter-rule', '');

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stays readable for 50 Services on a laptop screen: no overlap, legible text, no sideways scrolling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-fifty-'));
    fiftyServices(dir);
    const page = await open(await report(['app.yaml'], dir, 'html-report-50-services'));
    expect(await page.locator('svg.graph .node.service').count()).toBe(50);
    expect(await page.locator('svg.graph .edge.broken').count()).toBe(4);
    expect(await page.locator('details.ns').count()).toBe(5);

    const boxes = await page.locator('svg.graph .node rect').evaluateAll((rects) =>
      rects.map((r) => {
        const b = r.getBoundingClientRect();
        return { x: b.x + window.scrollX, y: b.y + window.scrollY, w: b.width, h: b.height };
      }),
    );
    const overlaps = boxes.filter((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h));
    expect(overlaps).toEqual([]);
    const sizes = await page.locator('svg.graph .node .name, svg.graph .elabel').evaluateAll((texts) => texts.map((t) => parseFloat(getComputedStyle(t).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);

    await page.check('#only-problems');
    expect(await page.locator('details.ns:not([hidden])').count()).toBe(4);
    await page.uncheck('#only-problems');

    await page.screenshot({ path: join(ARTEFACTS, 'html-report-50-services.png') });
    await page.screenshot({ path: join(ARTEFACTS, 'html-report-50-services-full.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('500 Services: loads in under 2 s, a broken reference deep in it is visible after one click on its namespace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-svc-lint-500-'));
    fiveHundredServices(dir);
    const path = await report(['app.yaml'], dir, 'html-report-500-services');
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const start = Date.now();
    await page.goto(`file://${path}`, { waitUntil: 'load' });
    const loadMs = Date.now() - start;
    const navigation = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    console.log(`html-report.test.ts: 500-Service report loaded in ${loadMs} ms (loadEventEnd ${Math.round(navigation)} ms)`);
    expect(loadMs).toBeLessThan(2000);
    expect(navigation).toBeLessThan(2000);

    // Namespaces with problems come first, folded; the page fits the window.
    const names = await page.locator('details.ns').evaluateAll((all) => all.map((d) => d.getAttribute('data-namespace')));
    expect(names).toHaveLength(20);
    expect(names.slice(0, 2).sort()).toEqual(['team-05', 'team-17']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

    // One click on team-17: its broken selector is drawn in red, with its neighbours; the clean Services are a count.
    const team17 = page.locator('details.ns[data-namespace="team-17"]');
    expect(await team17.locator('.edge.broken').count()).toBe(0);
    await team17.locator('summary').click();
    // Drawn on the toggle event, which follows the click within a frame.
    await team17.locator('svg.graph').first().waitFor({ timeout: 1000 });
    const broken = team17.locator('svg.graph .edge.broken.error');
    expect(await broken.count()).toBe(1);
    expect(await broken.isVisible()).toBe(true);
    expect(await broken.locator('path').evaluate((p) => getComputedStyle(p).stroke)).toBe('rgb(207, 34, 46)');
    expect(await team17.locator('svg.graph .node.service').count()).toBeLessThan(10);
    const expand = team17.locator('button.expand');
    expect(await expand.textContent()).toMatch(/^\+ 2\d more Services without problems/);
    await page.screenshot({ path: join(ARTEFACTS, 'html-report-500-services.png') });

    // Clicking the edge lists its own finding.
    await broken.dispatchEvent('click');
    const visible = page.locator('#findings-table tbody tr:not([hidden])');
    expect(await visible.count()).toBe(1);
    expect(await visible.first().textContent()).toContain('team-17-service-with-a-long-name-13');
    expect(await page.isVisible('#filter-own')).toBe(true);
    await page.click('#filter-own button');
    expect(await visible.count()).toBe(await page.locator('#findings-table tbody tr').count());

    // The clean paths on request: all 25 Services.
    await expand.click();
    expect(await team17.locator('svg.graph .node.service').count()).toBe(25);
    // Edge labels are whole: three ports, wrapped, nothing cut.
    const labels = await team17.locator('svg.graph .elabel').evaluateAll((texts) => texts.map((t) => Array.from(t.querySelectorAll('tspan'), (span) => span.textContent)));
    const ports = labels.filter((lines) => lines.join(' ').includes('9090'));
    expect(ports.filter((lines) => lines.join(' ') === '80→http, 9090→metrics, 9901→admin')).toHaveLength(24);
    for (const lines of ports) {
      expect(lines.join(' ')).toMatch(/9090→metrics, 9901→admin$/);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(18);
    }

    // A warning is amber, not red.
    const team05 = page.locator('details.ns[data-namespace="team-05"]');
    await team05.locator('summary').click();
    await team05.locator('svg.graph').first().waitFor({ timeout: 1000 });
    const amber = team05.locator('svg.graph .edge.broken.warning path');
    expect(await amber.count()).toBe(1);
    expect(await amber.evaluate((p) => getComputedStyle(p).stroke)).toBe('rgb(191, 135, 0)');
    expect(await team05.locator('svg.graph .edge.broken.error').count()).toBe(0);

    // The search box finds one Service among 500.
    await page.fill('#topo-search', 'team-09-service-with-a-long-name-21');
    expect(await page.locator('details.ns:not([hidden])').count()).toBe(1);
    const match = page.locator('details.ns[data-namespace="team-09"] svg.graph .node.match');
    await match.first().waitFor({ timeout: 1000 });
    expect(await match.count()).toBeGreaterThanOrEqual(1);
    await page.fill('#topo-search', '');
    expect(await page.locator('details.ns:not([hidden])').count()).toBe(20);

    await page.screenshot({ path: join(ARTEFACTS, 'html-report-500-services-full.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
