import { defineRule } from '../src/api/types.js';
import { isObject, valueAt } from '../src/k8s/objects.js';
import { serviceSpec, sessionAffinity } from '../src/k8s/service.js';

/** The API server's bounds for `sessionAffinityConfig.clientIP.timeoutSeconds` (both included). */
const MIN_TIMEOUT = 1;
const MAX_TIMEOUT = 86400;

export default defineRule({
  meta: {
    id: 'session-affinity',
    description: 'A ClientIP session affinity timeout must be 1 to 86400 seconds, and sessionAffinityConfig only works with `sessionAffinity: ClientIP`.',
    remediation: 'Set timeoutSeconds between 1 and 86400 (default 10800), and set `sessionAffinity: ClientIP` wherever sessionAffinityConfig is used.',
    category: 'service',
    defaultSeverity: 'error',
    messages: {
      timeout:
        'sessionAffinityConfig.clientIP.timeoutSeconds is {{value}}, but it must be between 1 and 86400 seconds (24 hours); the API server rejects it. Use a value in that range, or leave it out for the default 10800 (3 hours)',
      ignoredConfig:
        'sessionAffinityConfig has no effect because sessionAffinity is None{{#defaulted}} (no sessionAffinity is set, so None){{/defaulted}}: the API server silently drops the config and clients are not pinned to a pod. Set `sessionAffinity: ClientIP` for sticky sessions, or remove sessionAffinityConfig',
    },
    warnings: ['ignoredConfig'],
    kinds: ['Service'],
    schema: null,
    defaultOptions: {},
  },
  check(service, { report }) {
    const spec = serviceSpec(service.object);
    const config = spec['sessionAffinityConfig'];
    if (!isObject(config)) return;
    const affinity = sessionAffinity(service.object);
    if (affinity === 'None') {
      const written = spec['sessionAffinity'];
      report({
        messageId: 'ignoredConfig',
        at: ['spec', 'sessionAffinityConfig'],
        target: 'key',
        data: { defaulted: typeof written !== 'string' || written === '' },
      });
      return;
    }
    // Any other value than ClientIP is the schema rule's finding.
    if (affinity !== 'ClientIP') return;
    const path = ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'];
    const timeout = valueAt(service.object, path);
    // A non-integer is the schema rule's finding; a missing one defaults to 10800.
    if (typeof timeout !== 'number' || !Number.isInteger(timeout)) return;
    if (timeout < MIN_TIMEOUT || timeout > MAX_TIMEOUT) report({ messageId: 'timeout', at: path, data: { value: timeout } });
  },
});
