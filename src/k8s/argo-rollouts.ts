/**
 * What Argo Rollouts writes into other objects. With ALB traffic routing, the Rollout controller
 * injects the `alb.ingress.kubernetes.io/actions.<service>` annotation into the Ingresses it names
 * (`trafficRouting.alb.ingress` or `ingresses`), for the action service: `rootService` when set, else
 * `stableService` (argo-rollouts rollout/trafficrouting/alb/alb.go, SetWeight).
 */
import type { ResourceIndex } from '../model/types.js';
import { objectAt, stringField } from './objects.js';
import { view } from '../model/views.js';

const ROLLOUT_KIND = 'Rollout.argoproj.io';

/** The ALB action names Rollouts of `namespace` inject into the Ingress `ingress`. */
export function rolloutAlbActions(index: ResourceIndex, namespace: string, ingress: string): ReadonlySet<string> {
  const byIngress = index.view(ROLLOUT_ALB_ACTIONS);
  return byIngress.get(`${namespace}\u0000${ingress}`) ?? EMPTY;
}

const ROLLOUT_ALB_ACTIONS = view('rollout alb actions', (idx) => {
  const actions = new Map<string, Set<string>>();
  for (const rollout of idx.ofKind(ROLLOUT_KIND)) {
    const canary = objectAt(rollout.object, ['spec', 'strategy', 'canary']);
    const alb = canary && objectAt(canary, ['trafficRouting', 'alb']);
    if (!canary || !alb) continue;
    const action = stringField(alb, 'rootService') || stringField(canary, 'stableService');
    if (!action) continue;
    const ingresses = [stringField(alb, 'ingress'), ...(Array.isArray(alb['ingresses']) ? (alb['ingresses'] as unknown[]) : [])];
    for (const name of ingresses) {
      if (typeof name !== 'string' || name === '') continue;
      const key = `${rollout.namespace}\u0000${name}`;
      const set = actions.get(key) ?? new Set<string>();
      set.add(action);
      actions.set(key, set);
    }
  }
  return actions;
});

const EMPTY: ReadonlySet<string> = new Set();
