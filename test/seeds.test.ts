/**
 * The YAML examples of the articles that motivated the project (Korean blog posts on Service types,
 * kube-proxy, AWS load balancers, headless Services, Ingress, NetworkPolicy), extracted once into
 * test/seeds/<article>-<n>.yaml. Realistic input: every file must lint without a rule crashing.
 *
 * Articles 000 and 002 lost their indentation when they were scraped; their examples were
 * re-indented (each line's text kept as written). Article 003 lost its line breaks; its examples
 * are kept as the one-line texts they became, which are realistic broken input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';

const SEEDS = join(import.meta.dirname, 'seeds');
const FILES = readdirSync(SEEDS)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

describe('seed articles', () => {
  it('has the extracted examples', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
    for (const article of ['000', '001', '002', '003', '004']) expect(FILES.some((name) => name.startsWith(`${article}_`))).toBe(true);
  });

  it.each(FILES)('%s: lints without a crash', async (name) => {
    const output = await lint({ patterns: [name], cwd: SEEDS, config: {} });
    expect(output.results).toHaveLength(1);
    const crashes = output.results[0]!.messages.filter((m) => m.messageId === 'crash');
    expect(crashes).toEqual([]);
    for (const m of output.results[0]!.messages) {
      expect(m.line).toBeGreaterThanOrEqual(1);
      expect(m.column).toBeGreaterThanOrEqual(1);
      expect(m.message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
    }
  });

  it('all examples linted together (cross-resource rules over every article): no crash', async () => {
    const output = await lint({ patterns: ['.'], cwd: SEEDS, config: {} });
    expect(output.results).toHaveLength(FILES.length);
    const messages = output.results.flatMap((r) => r.messages);
    expect(messages.filter((m) => m.messageId === 'crash')).toEqual([]);
    // nodePort 30080 appears in several articles: the conflict rule sees every file at once.
    expect(output.results.some((r) => r.messages.some((m) => m.ruleId === 'nodeport-conflict'))).toBe(true);
  });

  it('`type: CLusterIP` is a schema finding: did you mean ClusterIP', async () => {
    const withTypo = FILES.filter((name) => readFileSync(join(SEEDS, name), 'utf8').includes('type: CLusterIP'));
    expect(withTypo).toEqual(['002_e2c38ad17813ecbf-5.yaml']);
    const output = await lint({ patterns: withTypo, cwd: SEEDS, config: {} });
    const messages = output.results[0]!.messages;
    expect(messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column, endColumn: m.endColumn }))).toEqual([
      { ruleId: 'schema', messageId: 'enumSuggest', line: 6, column: 9, endColumn: 18 },
    ]);
    expect(messages[0]!.message).toBe('spec.type is "CLusterIP"; did you mean ClusterIP? It must be one of ClusterIP, ExternalName, LoadBalancer, NodePort');
    expect(messages[0]!.message).toContain('did you mean ClusterIP');
  });

  it('the one-line examples of article 003 are syntax errors, not crashes', async () => {
    const output = await lint({ patterns: ['003_65f4f2b40b6d78ab-1.yaml'], cwd: SEEDS, config: {} });
    const messages = output.results[0]!.messages;
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages.map((m) => m.ruleId))).toEqual(new Set(['yaml-syntax']));
    expect(messages[0]).toMatchObject({ line: 1, column: 13, fatal: true });
  });
});
