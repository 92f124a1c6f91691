import { describe, expect, it } from 'vitest';
import { celEnvironment, toPlain, type CelEnvironment } from '../src/cel/index.js';

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

  it('names the paths an expression selects from a root', () => {
    const env = celEnvironment({ variables: { object: 'dyn', oldObject: 'dyn' } });
    const compiled = env.compile("object.spec.ports.all(p, p.port > 0) && has(object.metadata.name) && object.?spec.?x['y'].orValue(1) == 1 && oldObject.spec.type == object.spec.type");
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

  it('falls back to the newest version for an unknown version string', () => {
    expect(celEnvironment({ variables: {}, kubernetesVersion: 'banana' }).kubernetesVersion).toBe('1.34');
    expect(celEnvironment({ variables: {}, kubernetesVersion: '1.29' }).kubernetesVersion).toBe('1.29');
    expect(celEnvironment({ variables: {}, kubernetesVersion: '1.99' }).kubernetesVersion).toBe('1.34');
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
