/**
 * Kubernetes' authz library (k8s.io/apiserver/pkg/cel/library/authz.go; base.go: 1.27) as declarations
 * only: expressions that build an authorization check compile, and asking for a decision is an error,
 * since no authorizer can answer offline. A policy evaluator passes OFFLINE_AUTHORIZER as `authorizer`,
 * declared with the type AUTHORIZER_TYPE.
 */
import { celError, type CelLibrary } from '../library.js';

export const AUTHORIZER_TYPE = 'kubernetes.authorization.Authorizer';

class Authorizer {}
class PathCheck {}
class GroupCheck {}
class ResourceCheck {}

/** The `authorizer` value for policies evaluated offline. */
export const OFFLINE_AUTHORIZER: object = new Authorizer();

const NOT_OFFLINE = 'authorizer checks are not available offline: no API server answers them';

export const authzLibrary: CelLibrary = {
  name: 'authz',
  since: 27,
  register(env) {
    env.registerType(AUTHORIZER_TYPE, Authorizer);
    env.registerType('kubernetes.authorization.PathCheck', PathCheck);
    env.registerType('kubernetes.authorization.GroupCheck', GroupCheck);
    env.registerType('kubernetes.authorization.ResourceCheck', ResourceCheck);
    env.registerType('kubernetes.authorization.Decision', class Decision {});
    const path = new PathCheck();
    const group = new GroupCheck();
    const resource = new ResourceCheck();
    env.registerFunction(`${AUTHORIZER_TYPE}.path(string): kubernetes.authorization.PathCheck`, () => path);
    env.registerFunction(`${AUTHORIZER_TYPE}.group(string): kubernetes.authorization.GroupCheck`, () => group);
    env.registerFunction(`${AUTHORIZER_TYPE}.serviceAccount(string, string): ${AUTHORIZER_TYPE}`, (a: Authorizer) => a);
    env.registerFunction('kubernetes.authorization.GroupCheck.resource(string): kubernetes.authorization.ResourceCheck', () => resource);
    for (const step of ['subresource', 'namespace', 'name', 'fieldSelector', 'labelSelector']) {
      env.registerFunction(`kubernetes.authorization.ResourceCheck.${step}(string): kubernetes.authorization.ResourceCheck`, (r: ResourceCheck) => r);
    }
    const decide = (): never => {
      throw celError(NOT_OFFLINE);
    };
    env.registerFunction('kubernetes.authorization.PathCheck.check(string): kubernetes.authorization.Decision', decide);
    env.registerFunction('kubernetes.authorization.ResourceCheck.check(string): kubernetes.authorization.Decision', decide);
    env.registerFunction('kubernetes.authorization.Decision.allowed(): bool', decide);
    env.registerFunction('kubernetes.authorization.Decision.reason(): string', decide);
    env.registerFunction('kubernetes.authorization.Decision.errored(): bool', decide);
    env.registerFunction('kubernetes.authorization.Decision.error(): string', decide);
  },
};
