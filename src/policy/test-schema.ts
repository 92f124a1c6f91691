/** The JSON Schema of a `k8s-svc-lint test` file. */
export default {
  type: 'object',
  additionalProperties: false,
  required: ['resources', 'results'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    policies: { type: 'array', items: { anyOf: [{ type: 'string', minLength: 1 }, { $ref: '#/definitions/shortPolicy' }] } },
    resources: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    params: { type: 'array', items: { type: 'string', minLength: 1 } },
    namespaces: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
    defaultNamespace: { type: 'string', minLength: 1 },
    results: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['policy', 'resource', 'result'],
        properties: {
          policy: { type: 'string', minLength: 1 },
          resource: { type: 'string', pattern: '^[^/]+/[^/]+(/[^/]+)?$' },
          result: { enum: ['pass', 'fail', 'skip'] },
          message: { type: 'string' },
          line: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;
