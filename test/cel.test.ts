import { describe, expect, it } from 'vitest';
import { AUTHORIZER_TYPE, celEnvironment, OFFLINE_AUTHORIZER, selectionKey, selectionOf, toCelSelected, toPlain, type CelEnvironment } from '../src/cel/index.js';

const selfEnv = celEnvironment({ variables: { self: 'dyn' } });

function run(env: CelEnvironment, expression: string, activation: Record<string, unknown> = {}) {
  const compiled = env.compile(expression);
  if (!compiled.ok) return { compileError: compiled.error };
  return compiled.program.evaluate(activation);
}

function value(expression: string, self?: unknown): unknown {
  const result = run(selfEnv, expression, { self });
  if (!('ok' in result) || !result.ok) throw new Error(`${expression}: ${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return result.value;
}

describe('CEL engine contract', () => {
  it('compiles once per expression text', () => {
    const a = selfEnv.compile('self.x == 1');
    const b = selfEnv.compile('self.x == 1');
    expect(a.ok && b.ok && a.program === b.program).toBe(true);
  });

  it('shares one environment between equal options', () => {
    expect(celEnvironment({ variables: { self: 'dyn' } })).toBe(selfEnv);
    expect(celEnvironment({ variables: { self: 'dyn' }, kubernetesVersion: '1.34' })).toBe(selfEnv);
    expect(celEnvironment({ variables: { self: 'dyn' }, kubernetesVersion: '1.30' })).not.toBe(selfEnv);
    expect(celEnvironment({ variables: { self: 'dyn', oldSelf: 'dyn' } })).not.toBe(selfEnv);
  });

  it('reports parse errors with their offset, never throwing', () => {
    const result = selfEnv.compile("self.spec.type = 'NodePort'");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.offset).toBe(15);
    const unclosed = selfEnv.compile('self.all(p, p.port < )');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.error.offset).toBe(21);
  });

  it('reports unknown functions and variables at compile time', () => {
    const fn = selfEnv.compile('unknownFn(self)');
    expect(fn.ok ? undefined : fn.error.message).toMatch(/unknownFn/);
    const variable = selfEnv.compile('object.spec');
    expect(variable.ok ? undefined : variable.error.message).toMatch(/object/);
  });

  it('converts integral JSON numbers to int and others to double, as Kubernetes does', () => {
    expect(value('self.port + 1', { port: 80 })).toBe(81n);
    expect(value('type(self.port) == int', { port: 80 })).toBe(true);
    expect(value('type(self.ratio) == double', { ratio: 0.5 })).toBe(true);
    expect(value('type(self.huge) == double', { huge: 1e21 })).toBe(true); // beyond int64: a double, as in Kubernetes
    expect(value('self.ports.all(p, p.port > 0 && p.port <= 65535)', { ports: [{ port: 80 }, { port: 443 }] })).toBe(true);
    expect(value('self.ports.all(p, p.port > 0 && p.port <= 65535)', { ports: [{ port: 80 }, { port: 70000 }] })).toBe(false);
  });

  it('evaluates 64-bit integer arithmetic with overflow errors', () => {
    expect(value('9223372036854775806 + 1')).toBe(9223372036854775807n);
    const overflow = run(selfEnv, '9223372036854775807 + self', { self: 1 });
    expect('ok' in overflow && !overflow.ok && overflow.error.message).toMatch(/overflow/);
  });

  it('returns run-time errors as results: missing field, division by zero', () => {
    const missing = run(selfEnv, 'self.spec.missing == 1', { self: { spec: {} } });
    expect(missing).toMatchObject({ ok: false, error: { message: 'No such key: missing', offset: 10 } });
    const division = run(selfEnv, '1 / self', { self: 0 });
    expect(division).toMatchObject({ ok: false, error: { message: 'division by zero' } });
  });

  it('absent variables are errors, not crashes', () => {
    const env = celEnvironment({ variables: { self: 'dyn', oldSelf: 'dyn' } });
    const result = run(env, 'self == oldSelf', { self: 1 });
    expect('ok' in result && result.ok).toBe(false);
  });

  it('bounds runaway evaluation with a step budget', () => {
    const big = Array.from({ length: 300 }, (_, i) => i);
    const started = Date.now();
    const result = run(selfEnv, 'self.all(a, self.all(b, self.all(c, a + b + c >= 0)))', { self: big });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/budget/) } });
    expect(Date.now() - started).toBeLessThan(5_000);
    // An error absorbed by || is still reported as the budget being exceeded.
    const absorbed = run(selfEnv, 'self.all(a, self.all(b, self.all(c, a + b + c >= 0))) || true', { self: big });
    expect(absorbed).toMatchObject({ ok: false });
    // The budget is per evaluation: the next one starts from zero.
    expect(run(selfEnv, 'self.all(a, a >= 0)', { self: big })).toEqual({ ok: true, value: true });
  });

  it('bounds values that double in a chain of binds', () => {
    const expr = Array.from({ length: 30 }, (_, i) => `cel.bind(v${i + 1}, v${i} + v${i},`).join(' ');
    const result = run(selfEnv, `cel.bind(v0, 'xxxxxxxx', ${expr} size(v30) > 0${')'.repeat(31)}`);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than the limit/) } });
  });

  it('supports optional values from 1.28', () => {
    expect(value("self.?spec.?type.orValue('ClusterIP')", { spec: {} })).toBe('ClusterIP');
    expect(value("self[?'a'].hasValue()", { a: 1 })).toBe(true);
    expect(value('optional.of(1).value()')).toBe(1n);
    expect(value('optional.none().hasValue()')).toBe(false);
    const old = celEnvironment({ variables: { self: 'dyn' }, kubernetesVersion: '1.27' });
    expect(old.compile("self.?spec.orValue('x')").ok).toBe(false);
  });

  it('keeps lazy variables lazy', () => {
    const env = celEnvironment({ variables: { variables: 'dyn' } });
    let reads = 0;
    const variables = {
      get cheap() {
        reads++;
        return 2;
      },
      get failing(): number {
        throw new Error('never read');
      },
    };
    expect(run(env, 'variables.cheap + variables.cheap', { variables })).toEqual({ ok: true, value: 4n });
    expect(reads).toBe(1);
  });

  it('evaluates lazy variables computed by other programs of the same environment', () => {
    const env = celEnvironment({ variables: { object: 'dyn', variables: 'dyn' } });
    const ports = env.compile('object.spec.ports.map(p, p.port)');
    const rule = env.compile('variables.ports.all(p, p < 1024) && size(variables.ports) == 2');
    if (!ports.ok || !rule.ok) throw new Error('does not compile');
    let computed = 0;
    const activation = (object: unknown) => ({
      object,
      variables: {
        get ports(): unknown {
          computed++;
          const result = ports.program.evaluate({ object });
          if (!result.ok) throw new Error(result.error.message);
          return result.value;
        },
      },
    });
    expect(rule.program.evaluate(activation({ spec: { ports: [{ port: 80 }, { port: 443 }] } }))).toEqual({ ok: true, value: true });
    expect(rule.program.evaluate(activation({ spec: { ports: [{ port: 80 }, { port: 8080 }] } }))).toEqual({ ok: true, value: false });
    expect(computed).toBe(2);
    expect(rule.program.evaluate(activation({ spec: {} }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/ports/) } });
  });

  it('accepts has() below an index, as Kubernetes does, keeping offsets of the original text', () => {
    const self = { matches: [{ path: { type: 'Exact' } }, {}], x: 'abc' };
    expect(value('has(self.matches[0].path) && !has(self.matches[1].path)', self)).toBe(true);
    expect(value('has(self.matches[has(self.matches[0].path) ? 0 : 1].path.type)', self)).toBe(true);
    expect(run(selfEnv, 'has(self.matches[0].path) && self.nope.x == 1', { self })).toMatchObject({ ok: false, error: { message: 'No such key: nope', offset: 34 } });
    const regex = selfEnv.compile("has(self.matches[0].path) && self.x.matches('a(?=b)')");
    expect(regex.ok ? undefined : regex.error.offset).toBe(44);
    const compiled = selfEnv.compile('has(self.matches[0].path)');
    expect(compiled.ok && compiled.program.expression).toBe('has(self.matches[0].path)');
  });

  it('names the paths an expression selects from a root', () => {
    const env = celEnvironment({ variables: { object: 'dyn', oldObject: 'dyn' } });
    const compiled = env.compile(
      "object.spec.ports.all(p, p.port > 0) && has(object.metadata.name) && object.?spec.?x['y'].orValue(1) == 1 && oldObject.spec.type == object.spec.type",
    );
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.program.selectedPaths('object')).toEqual([
      ['spec', 'ports'],
      ['metadata', 'name'],
      ['spec', 'x', 'y'],
      ['spec', 'type'],
    ]);
    expect(compiled.program.selectedPaths('oldObject')).toEqual([['spec', 'type']]);
    const indexed = env.compile('object.spec.ports[0].port > 0 && object.spec.ports.exists(object, object.port == 1)');
    if (indexed.ok) expect(indexed.program.selectedPaths('object')).toEqual([['spec', 'ports']]);
  });

  it('tells a presence test from a read, and converts only what the reads select', () => {
    const env = celEnvironment({ variables: { object: 'dyn' } });
    const texts = [
      "has(object.spec) && has(object.spec.type) && object.spec.type == 'LoadBalancer'",
      "has(object.metadata.annotations) && object.metadata.annotations[?'a'].orValue('') == 'x'",
      'object.spec.ports.all(p, p.port > 1) && object.spec.ports[0].port == 2',
    ];
    const programs = texts.map((text) => {
      const compiled = env.compile(text);
      if (!compiled.ok) throw new Error(compiled.error.message);
      return compiled.program;
    });
    expect(programs[0]!.reads('object')).toEqual([
      { path: ['spec'], presence: true },
      { path: ['spec', 'type'], presence: true },
      { path: ['spec', 'type'], presence: false },
    ]);
    const object = {
      metadata: { name: 'web', annotations: { a: 'x', b: 'y' }, labels: { app: 'web' } },
      spec: { type: 'LoadBalancer', ports: [{ port: 2 }], selector: { app: 'web' }, clusterIP: 'None' },
    };
    const selection = selectionOf(programs.flatMap((p) => p.reads('object')));
    const partial = toCelSelected(object, selection);
    expect(toPlain(partial)).toEqual({
      metadata: { annotations: { a: 'x' } },
      spec: { type: 'LoadBalancer', ports: [{ port: 2 }] },
    });
    for (const program of programs) {
      expect(program.evaluate({ object: partial })).toEqual(program.evaluate({ object }));
      expect(program.evaluate({ object: partial })).toEqual({ ok: true, value: true });
    }
    // A presence test alone keeps an empty value of the same kind; a bare root takes everything.
    expect(toPlain(toCelSelected(object, selectionOf(programs[1]!.reads('object').slice(0, 1))))).toEqual({ metadata: { annotations: {} } });
    // `'k' in map` reads whether the map holds k, not the map: a list there is read whole.
    const lookup = env.compile("'a' in object.metadata.annotations && 'x' in object.spec.list");
    if (!lookup.ok) throw new Error(lookup.error.message);
    expect(lookup.program.selectedPaths('object')).toEqual([
      ['metadata', 'annotations'],
      ['spec', 'list'],
    ]);
    const listed = { ...object, spec: { ...object.spec, list: ['x', 'y'] } };
    const partialLookup = toCelSelected(listed, selectionOf(lookup.program.reads('object')));
    expect(toPlain(partialLookup)).toEqual({ metadata: { annotations: { a: 'x' } }, spec: { list: ['x', 'y'] } });
    expect(lookup.program.evaluate({ object: partialLookup })).toEqual({ ok: true, value: true });
    const bare = env.compile('size(object) > 0 && has(object.spec)');
    expect(bare.ok && toPlain(toCelSelected(object, selectionOf(bare.program.reads('object'))))).toEqual(object);
  });

  it('keys values alike exactly where the selection converts them alike', () => {
    const env = celEnvironment({ variables: { object: 'dyn' } });
    const compiled = env.compile('has(object.spec.type) && object.spec.ports.all(p, p.port > 0) && has(object.metadata.labels)');
    if (!compiled.ok) throw new Error(compiled.error.message);
    const selection = selectionOf(compiled.program.reads('object'));
    const service = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'a', labels: { app: 'a' } }) => ({ metadata, spec });
    const key = (value: unknown) => selectionKey(value, selection);
    // Fields not read, and the contents of a map only tested for presence, make no difference.
    expect(key(service({ type: 'ClusterIP', ports: [{ port: 80 }], selector: { x: 'y' } }))).toBe(
      key(service({ type: 'ClusterIP', ports: [{ port: 80 }] }, { name: 'b', labels: { app: 'b', tier: 'web' } })),
    );
    // Every value read counts, with its type: a number and its string, NaN and null, 1 and 1.5, absent and null.
    const distinct = [
      service({ type: 'ClusterIP', ports: [{ port: 80 }] }),
      service({ type: 'ClusterIP', ports: [{ port: '80' }] }),
      service({ type: 'ClusterIP', ports: [{ port: Number.NaN }] }),
      service({ type: 'ClusterIP', ports: [{ port: null }] }),
      service({ type: 'ClusterIP', ports: [{ port: 1.5 }] }),
      service({ type: 'ClusterIP', ports: [{}] }),
      service({ type: 'ClusterIP', ports: [{ port: 80 }, { port: 81 }] }),
      service({ type: 'ClusterIP', ports: [{ port: 81 }, { port: 80 }] }),
      service({ ports: [{ port: 80 }] }),
      service({ type: 'ClusterIP', ports: [{ port: 80 }] }, { name: 'a' }),
    ];
    expect(new Set(distinct.map(key)).size).toBe(distinct.length);
    // What cannot be keyed is not: class instances, and values whose key would be huge.
    expect(key(service({ type: new Date(0), ports: [] }))).toBeUndefined();
    expect(key(service({ type: 'x'.repeat(5000), ports: [] }))).toBeUndefined();
  });

  it('falls back to the newest version for an unknown version string', () => {
    expect(celEnvironment({ variables: {}, kubernetesVersion: 'banana' }).kubernetesVersion).toBe('1.34');
    expect(celEnvironment({ variables: {}, kubernetesVersion: '1.29' }).kubernetesVersion).toBe('1.29');
    expect(celEnvironment({ variables: {}, kubernetesVersion: '1.99' }).kubernetesVersion).toBe('1.34');
  });
});

describe('authorizer (not available offline)', () => {
  const env = celEnvironment({ variables: { authorizer: AUTHORIZER_TYPE } });
  it('compiles authorization checks and reports asking for a decision as an error', () => {
    const check = env.compile("authorizer.group('apps').resource('deployments').namespace('ns').check('create').allowed()");
    expect(check.ok).toBe(true);
    if (check.ok)
      expect(check.program.evaluate({ authorizer: OFFLINE_AUTHORIZER })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not available offline/) } });
    expect(env.compile("authorizer.path('/healthz').check('get').reason() == ''").ok).toBe(true);
    expect(env.compile('authorizer.group(1)').ok).toBe(false);
    expect(celEnvironment({ variables: { authorizer: AUTHORIZER_TYPE }, kubernetesVersion: '1.26' }).compile("authorizer.path('/').check('get').allowed()").ok).toBe(false);
  });
});

describe('toPlain', () => {
  it('turns CEL values back into plain JSON-like values', () => {
    expect(toPlain(value("{'a': [dyn(1), dyn(2.5), dyn('x'), dyn(true), dyn(null)]}"))).toEqual({ a: [1, 2.5, 'x', true, null] });
    expect(selfEnv.compile("[1, 'x']").ok).toBe(false); // homogeneous aggregate literals, as base.go
    expect(toPlain(value('9223372036854775807'))).toBe('9223372036854775807');
    expect(toPlain(value('optional.none()'))).toBeUndefined();
    expect(toPlain(value("optional.of('v')"))).toBe('v');
  });
});

describe('libraries by Kubernetes version (base.go)', () => {
  const compiles = (version: string, expression: string): boolean => celEnvironment({ variables: { self: 'dyn' }, kubernetesVersion: version }).compile(expression).ok;
  it.each([
    ['self.?a.orValue(1) == 1', '1.28'],
    ["quantity('1Gi').isInteger()", '1.28'],
    ['sets.contains([1], [1])', '1.29'],
    ["strings.quote('a') == '\"a\"'", '1.29'],
    ["'%s'.format(['a']) == 'a'", '1.29'],
    ["ip('10.0.0.1').family() == 4", '1.30'],
    ["cidr('10.0.0.0/8').containsIP('10.1.1.1')", '1.30'],
    ["format.dns1123Label().validate('a').hasValue()", '1.31'],
    ['[1].all(i, v, v > i)', '1.32'],
    ['[1].transformList(i, v, v * 2) == [2]', '1.32'],
    ["semver('1.2.3').major() == 1", '1.33'],
  ])('%s is available from %s on', (expression, since) => {
    const minor = Number(since.split('.')[1]);
    expect(compiles(since, expression)).toBe(true);
    expect(compiles(`1.${minor - 1}`, expression)).toBe(false);
  });

  it('has the libraries present in every version, and RE2 regex literal checks from 1.29', () => {
    for (const expression of ['[3, 1].isSorted() == false', "'a1'.find('[0-9]') == '1'", "url('https://x/').getHost() == 'x'", "'abc'.charAt(1) == 'b'"]) {
      expect(compiles('1.25', expression), expression).toBe(true);
    }
    expect(compiles('1.28', "'a'.matches('(')")).toBe(true); // fails only when evaluated
    expect(compiles('1.29', "'a'.matches('(')")).toBe(false);
  });
});

describe('cel-go extensions (examples from cel-go ext/strings.go, ext/sets.go, ext/comprehensions.go docs)', () => {
  it.each([
    ["'hello'.charAt(4) == 'o'"],
    ["'hello'.charAt(5) == ''"],
    ["'hello mellow'.indexOf('ello', 2) == 7"],
    ["'hello mellow'.lastIndexOf('ello', 6) == 1"],
    ["'TacoCat'.lowerAscii() == 'tacocat'"],
    ["'TacoCÆt Xii'.lowerAscii() == 'tacocÆt xii'"],
    ["'TacoCÆt Xii'.upperAscii() == 'TACOCÆT XII'"],
    ["'hello hello'.replace('he', 'we') == 'wello wello'"],
    ["'hello hello'.replace('he', 'we', 1) == 'wello hello'"],
    ["'hello hello'.replace('he', 'we', 0) == 'hello hello'"],
    ["'hello hello'.split(' ') == ['hello', 'hello']"],
    ["'hello hello hello'.split(' ', 2) == ['hello', 'hello hello']"],
    ["'tacocat'.substring(4) == 'cat'"],
    ["'tacocat'.substring(0, 4) == 'taco'"],
    ["'  \\ttrim\\n    '.trim() == 'trim'"],
    ["['hello', 'mellow'].join() == 'hellomellow'"],
    ["['hello', 'mellow'].join(' ') == 'hello mellow'"],
    ['strings.quote(\'single-quote with "double quote"\') == \'"single-quote with \\\\"double quote\\\\""\''],
    ["'this is a string: %s\\nand an integer: %d'.format([dyn('str'), dyn(42)]) == 'this is a string: str\\nand an integer: 42'"],
    ["'%.3f'.format([3.14159]) == '3.142'"],
    ["'%e'.format([1234.5]) == '1.234500e+03'"],
    ["'%x %X %o %b'.format([255, 255, 8, 5]) == 'ff FF 10 101'"],
    ['sets.contains([1, 2, 3, 4], [2, 3])'],
    // Kubernetes enables homogeneous aggregate literals: mixed lists need dyn().
    ['sets.contains([dyn(1), dyn(2.0), dyn(3u)], [dyn(1.0), dyn(2u), dyn(3)])'],
    ['sets.equivalent([1, 2, 3], [dyn(3u), dyn(2.0), dyn(1)])'],
    ['sets.intersects([1], [dyn(1.0), dyn(2), dyn(3)])'],
    ['sets.intersects([[1], [2, 3]], [[1, 2], [2, 3]])'],
    ['[1, 2, 3].all(i, j, i < j)'],
    ["{'hello': 'world', 'taco': 'taco'}.exists(k, v, k == v)"],
    ['[1, 2, 1, 3, 1, 4].existsOne(i, v, i == 1 || v == 1) == false'],
    ['[1, 2, 3].transformList(indexVar, valueVar, (indexVar * valueVar) + valueVar) == [1, 4, 9]'],
    ['[1, 2, 3].transformList(indexVar, valueVar, indexVar % 2 == 0, (indexVar * valueVar) + valueVar) == [1, 9]'],
    ["{'greeting': 'hello', 'farewell': 'goodbye'}.transformMap(k, v, k + ', ' + v + '!') == {'greeting': 'greeting, hello!', 'farewell': 'farewell, goodbye!'}"],
    ["{'a': 1, 'b': 2}.transformMap(k, v, v > 1, v * 10) == {'b': 20}"],
    ["{'greeting': 'hello'}.transformMapEntry(keyVar, valueVar, {valueVar: keyVar}) == {'hello': 'greeting'}"],
  ])('%s', (expression) => {
    expect(value(expression)).toBe(true);
  });

  it('reports a duplicate key from transformMapEntry and two-variable errors like the one-variable macros', () => {
    // cel-go's own example: {'greeting': 'aloha', 'farewell': 'aloha'}.transformMapEntry(...) is a duplicate key error.
    expect(run(selfEnv, "{'greeting': 'aloha', 'farewell': 'aloha'}.transformMapEntry(keyVar, valueVar, {valueVar: keyVar})")).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already exists/) },
    });
    expect(value('self.exists(i, v, 1 / v > 0)', [0, 1])).toBe(true); // the error is absorbed by a true
    expect(run(selfEnv, 'self.all(i, v, 1 / v > 0)', { self: [1, 0] })).toMatchObject({ ok: false, error: { message: 'division by zero' } });
  });
});

describe('speed', () => {
  it('evaluates a compiled typical rule 10,000 times quickly', () => {
    const compiled = selfEnv.compile('self.all(l, l.port > 0 && l.port <= 65535)');
    if (!compiled.ok) throw new Error(compiled.error.message);
    const ports = (i: number) => [
      { name: 'http', port: 80 + (i % 100), protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 'https' },
    ];
    const cpuMs = (work: () => void): number => {
      const start = process.cpuUsage();
      work();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    };
    const fresh = Array.from({ length: 10_000 }, (_, i) => ports(i));
    let passed = 0;
    const withConversion = cpuMs(() => {
      for (const self of fresh) if (compiled.program.evaluate({ self }).ok) passed++;
    });
    const again = cpuMs(() => {
      for (const self of fresh) if (compiled.program.evaluate({ self }).ok) passed++;
    });
    console.log(`10,000 evaluations of a compiled rule: ${withConversion.toFixed(1)} ms CPU on fresh objects, ${again.toFixed(1)} ms on the same objects again`);
    expect(passed).toBe(20_000);
    // A generous bound: it catches recompiling or re-walking per evaluation, not machine noise.
    expect(withConversion).toBeLessThan(2_000);
  });
});
