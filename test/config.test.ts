import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleMeta } from '../src/api/types.js';
import { findConfigFile, loadConfig, parseConfig } from '../src/config/load.js';
import { ConfigError } from '../src/config/types.js';
import { parseNodePortRange, resolveRuleConfigs } from '../src/engine/options.js';
import { allRuleMetas } from '../src/engine/registry.js';
import { lint } from '../src/lint.js';

let root: string;

function write(path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'k8s-svc-lint-config-')));
  write('project/.k8s-svc-lint.yaml', 'nodePortRange: 30000-45000\ndefaultNamespace: team-a\nignorePatterns:\n  - vendor\n');
  mkdirSync(join(root, 'project/deploy/apps/web'), { recursive: true });
  write('project/nested/.k8s-svc-lint.yml', 'rules:\n  nodeport-static-band: "off"\n');
  mkdirSync(join(root, 'project/nested/deeper'), { recursive: true });
  write('project/conf/custom.yaml', 'rules:\n  duplicate-resource: error\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The ConfigError message thrown by fn. */
function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('finding the config file', () => {
  it('is found upward from a nested working directory', () => {
    const loaded = loadConfig(join(root, 'project/deploy/apps/web'));
    expect(loaded).toEqual({
      path: join(root, 'project/.k8s-svc-lint.yaml'),
      baseDir: join(root, 'project'),
      config: { nodePortRange: '30000-45000', defaultNamespace: 'team-a', ignorePatterns: ['vendor'] },
      text: expect.stringContaining('nodePortRange'),
    });
  });

  it('the nearest file wins, and .yml is found too', () => {
    expect(findConfigFile(join(root, 'project/nested/deeper'))).toBe(join(root, 'project/nested/.k8s-svc-lint.yml'));
    expect(loadConfig(join(root, 'project/nested/deeper')).config).toEqual({ rules: { 'nodeport-static-band': 'off' } });
  });

  it('--config names a file relative to the working directory, and wins over the one found upward', () => {
    const loaded = loadConfig(join(root, 'project/deploy'), '../conf/custom.yaml');
    expect(loaded).toEqual({
      path: join(root, 'project/conf/custom.yaml'),
      baseDir: join(root, 'project/conf'),
      config: { rules: { 'duplicate-resource': 'error' } },
      text: expect.stringContaining('duplicate-resource'),
    });
  });

  it('--config naming a missing file is a ConfigError', () => {
    expect(configError(() => loadConfig(root, 'nope.yaml'))).toBe(`Cannot read config file ${join(root, 'nope.yaml')}: ENOENT`);
  });

  it('lint() applies the config found upward: node port range and ignore patterns relative to its folder', async () => {
    write('project/deploy/apps/web/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 40000\n');
    write('project/vendor/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: v\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 50000\n');
    const output = await lint({ patterns: ['deploy', 'vendor'], cwd: join(root, 'project') });
    expect(output.configPath).toBe(join(root, 'project/.k8s-svc-lint.yaml'));
    expect(output.results.map((r) => r.filePath)).toEqual([join(root, 'project/deploy/apps/web/svc.yaml')]);
    // 40000 is inside 30000-45000, so only the static-band warning (band 30000-30127 for this range) remains.
    expect(output.results[0]!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual(['nodeport-static-band 9:17']);
    expect(output.results[0]!.messages[0]!.message).toContain('static band 30000-30127');
  });
});

describe('validating the config file', () => {
  it('a YAML syntax error names the file, line and column', () => {
    const path = '/p/.k8s-svc-lint.yaml';
    expect(configError(() => parseConfig('nodePortRange: 30000-45000\nrules:\n\tnodeport-range: off\n', path))).toBe(
      '/p/.k8s-svc-lint.yaml:3:1: invalid YAML: Tabs are not allowed as indentation',
    );
    expect(configError(() => parseConfig('rules:\n  nodeport-range: warn\n  nodeport-range: off\n', path))).toBe(
      '/p/.k8s-svc-lint.yaml:3:3: invalid YAML: Map keys must be unique',
    );
  });

  it('an unknown key, with did-you-mean', () => {
    expect(configError(() => parseConfig('nodePortRang: 30000-45000\n', '/p/c.yaml'))).toBe('/p/c.yaml: unknown key "nodePortRang"; did you mean "nodePortRange"?');
    expect(configError(() => parseConfig('ignorepatterns: [a]\n', '/p/c.yaml'))).toBe('/p/c.yaml: unknown key "ignorepatterns"; did you mean "ignorePatterns"?');
  });

  it('an unknown key unlike any other has no suggestion', () => {
    expect(configError(() => parseConfig('color: true\n', '/p/c.yaml'))).toBe('/p/c.yaml: unknown key "color"');
  });

  it('a bad severity names the rule, the value and the allowed values', () => {
    expect(configError(() => parseConfig('rules:\n  nodeport-range: erorr\n', '/p/c.yaml'))).toBe(
      '/p/c.yaml: "rules.nodeport-range" is "erorr"; it must be one of "off", "warn", "error"; did you mean "error"?',
    );
  });

  it('a bad severity inside [severity, options] points at the item', () => {
    expect(configError(() => parseConfig('rules:\n  nodeport-range: [erorr]\n', '/p/c.yaml'))).toBe(
      '/p/c.yaml: "rules.nodeport-range.0" is "erorr"; it must be one of "off", "warn", "error"; did you mean "error"?',
    );
  });

  it('a value of the wrong type', () => {
    expect(configError(() => parseConfig('ignorePatterns: vendor\n', '/p/c.yaml'))).toBe('/p/c.yaml: "ignorePatterns" is "vendor"; it must be array');
    expect(configError(() => parseConfig('- a\n', '/p/c.yaml'))).toBe('/p/c.yaml: "(root)" is ["a"]; it must be object');
  });

  it('the config is YAML 1.2: an unquoted `off` is the string "off"', () => {
    expect(parseConfig('rules:\n  nodeport-range: off\n  schema: [off]\n', '/p/c.yaml')).toEqual({ rules: { 'nodeport-range': 'off', schema: ['off'] } });
  });

  it('an empty file is an empty config', () => {
    expect(parseConfig('', '/p/c.yaml')).toEqual({});
    expect(parseConfig('# only a comment\n', '/p/c.yaml')).toEqual({});
  });

  it('a valid config is returned as written', () => {
    const text = 'rules:\n  nodeport-range: warn\n  schema: [error]\n  nodeport-type: ["off", {}]\nnodePortRange: "30000-32767"\n';
    expect(parseConfig(text, '/p/c.yaml')).toEqual({
      rules: { 'nodeport-range': 'warn', schema: ['error'], 'nodeport-type': ['off', {}] },
      nodePortRange: '30000-32767',
    });
  });
});

describe('rule settings', () => {
  const severities = (configs: Map<string, { severity: number }>, ...ids: string[]): number[] => ids.map((id) => configs.get(id)!.severity);

  it('defaults, then the config file, then --rule', () => {
    const metas = allRuleMetas();
    expect(severities(resolveRuleConfigs(metas, undefined), 'nodeport-range', 'nodeport-static-band', 'helm-template')).toEqual([2, 1, 1]);
    const fromFile = resolveRuleConfigs(metas, { 'nodeport-static-band': 'error', 'helm-template': ['off'] });
    expect(severities(fromFile, 'nodeport-range', 'nodeport-static-band', 'helm-template')).toEqual([2, 2, 0]);
    const overridden = resolveRuleConfigs(metas, { 'nodeport-static-band': 'error' }, { 'nodeport-static-band': 'off', 'nodeport-range': 'warn' });
    expect(severities(overridden, 'nodeport-range', 'nodeport-static-band')).toEqual([1, 0]);
  });

  it('an unknown rule id in the config file, with did-you-mean', () => {
    expect(configError(() => resolveRuleConfigs(allRuleMetas(), { 'nodeport-rang': 'error' }))).toBe(
      'Unknown rule "nodeport-rang" in the config file; did you mean "nodeport-range"? (see --list-rules)',
    );
  });

  it('an unknown rule id in --rule, with did-you-mean', () => {
    expect(configError(() => resolveRuleConfigs(allRuleMetas(), {}, { 'nodeport-tpye': 'off' }))).toBe(
      'Unknown rule "nodeport-tpye" in --rule; did you mean "nodeport-type"? (see --list-rules)',
    );
  });

  it('an unknown rule id unlike any rule has no suggestion', () => {
    expect(configError(() => resolveRuleConfigs(allRuleMetas(), { 'no-such-thing-at-all': 'off' }))).toBe(
      'Unknown rule "no-such-thing-at-all" in the config file (see --list-rules)',
    );
  });

  it('options for a rule that takes none are rejected', () => {
    expect(configError(() => resolveRuleConfigs(allRuleMetas(), { 'nodeport-range': ['error', { max: 1 }] }))).toBe(
      'Rule "nodeport-range" takes no options, but the config gives some',
    );
  });

  describe('a rule with options', () => {
    const meta: RuleMeta = {
      id: 'with-options',
      description: 'test rule',
      remediation: 'None.',
      category: 'service',
      defaultSeverity: 'warn',
      messages: {},
      kinds: [],
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1 }, names: { type: 'array', items: { type: 'string' } } },
      },
      defaultOptions: { limit: 3, names: ['a'] },
    };

    it('defaults apply when the config gives no options', () => {
      expect(resolveRuleConfigs([meta], { 'with-options': 'error' }).get('with-options')).toEqual({ severity: 2, options: { limit: 3, names: ['a'] } });
    });

    it('options merge over the defaults; arrays replace', () => {
      expect(resolveRuleConfigs([meta], { 'with-options': ['warn', { names: ['b'] }] }).get('with-options')).toEqual({
        severity: 1,
        options: { limit: 3, names: ['b'] },
      });
    });

    it('invalid options are a ConfigError naming the rule and the field', () => {
      expect(configError(() => resolveRuleConfigs([meta], { 'with-options': ['warn', { limit: 0 }] }))).toBe(
        'Invalid options for rule "with-options": "limit" is 0; it must be >= 1',
      );
      expect(configError(() => resolveRuleConfigs([meta], { 'with-options': ['warn', { limt: 2 }] }))).toMatch(/^Invalid options for rule "with-options": unknown key "limt"/);
    });
  });
});

describe('nodePortRange', () => {
  it.each([
    [undefined, { min: 30000, max: 32767 }],
    ['30000-45000', { min: 30000, max: 45000 }],
    ['1-65535', { min: 1, max: 65535 }],
    ['30000-30000', { min: 30000, max: 30000 }],
  ])('%s', (text, expected) => {
    expect(parseNodePortRange(text)).toEqual(expected);
  });

  it.each(['40000-30000', '0-100', '30000-70000'])('%s is rejected', (text) => {
    expect(configError(() => parseNodePortRange(text))).toBe(`"nodePortRange" is "${text}"; it must be "<min>-<max>" with 1 <= min <= max <= 65535`);
  });

  it('a malformed range is rejected by the config schema', () => {
    expect(configError(() => parseConfig('nodePortRange: 30000:32767\n', '/p/c.yaml'))).toBe(
      '/p/c.yaml: "nodePortRange" is "30000:32767"; it must match pattern "^[0-9]{1,5}-[0-9]{1,5}$"',
    );
  });

  it('lint() with min > max in the config object throws ConfigError', async () => {
    await expect(lint({ patterns: [], cwd: root, config: { nodePortRange: '40000-30000' } })).rejects.toBeInstanceOf(ConfigError);
  });
});
