// Type-level tests of `meta.schema` against `defaultOptions` (OptionsSchema in src/api/types.ts),
// compiled by test/kinds.test.ts (`tsc -p test/types`): each `@ts-expect-error` line must fail to compile.
import { defineRule } from '../../src/api/types.js';

const meta = { id: 'example', description: '', remediation: '', category: 'service', defaultSeverity: 'warn', messages: { m: 'm' }, kinds: ['Service'] } as const;
const check = (): void => {};

export const matching = defineRule({
  meta: {
    ...meta,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Allowed.' }, mode: { enum: ['ip', 'instance'] } },
    },
    defaultOptions: { allow: [] as string[], mode: 'ip' },
  },
  check,
});

export const missingProperty = defineRule({
  meta: {
    ...meta,
    // @ts-expect-error the schema lacks `strict`, an option of defaultOptions
    schema: { type: 'object', additionalProperties: false, properties: { allow: { type: 'array', items: { type: 'string' } } } },
    defaultOptions: { allow: [] as string[], strict: false },
  },
  check,
});

export const wrongType = defineRule({
  meta: {
    ...meta,
    // @ts-expect-error `strict` is a boolean, not a string
    schema: { type: 'object', additionalProperties: false, properties: { strict: { type: 'string' } } },
    defaultOptions: { strict: false },
  },
  check,
});

export const extraProperty = defineRule({
  meta: {
    ...meta,
    // @ts-expect-error `strcit` is no option of defaultOptions
    schema: { type: 'object', additionalProperties: false, properties: { strict: { type: 'boolean' }, strcit: { type: 'boolean' } } },
    defaultOptions: { strict: false },
  },
  check,
});
