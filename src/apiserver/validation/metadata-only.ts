import type { PlainObject } from '../../k8s/objects.js';
import type { Issues } from '../issues.js';
import { validateObjectMeta } from './metadata.js';
import type { KindName } from '../../model/kinds.js';
import type { NameRule } from './names.js';

/**
 * Other built-in kinds the linter reads (pod sources, namespaces, Secrets, ConfigMaps): only their
 * object metadata is judged, with the name rule their Validate* function passes to ValidateObjectMeta.
 */
export const METADATA_NAME_RULES: Readonly<Record<string, NameRule>> = {
  Pod: 'dns1123-subdomain', // ValidatePodName
  Deployment: 'dns1123-subdomain', // ValidateDeploymentName
  ReplicaSet: 'dns1123-subdomain', // ValidateReplicaSetName
  DaemonSet: 'dns1123-subdomain', // ValidateDaemonSetName
  ReplicationController: 'dns1123-subdomain', // ValidateReplicationControllerName
  Job: 'dns1123-subdomain', // ValidateJob: ValidateReplicationControllerName
  CronJob: 'dns1123-subdomain', // ValidateCronJobName
  Namespace: 'dns1123-label', // ValidateNamespaceName
  Secret: 'dns1123-subdomain', // ValidateSecretName
  ConfigMap: 'dns1123-subdomain', // ValidateConfigMapName
} satisfies Readonly<Partial<Record<KindName, NameRule>>>;

/** A CronJob's Jobs are named `<name>-<11 characters>`, so the name is at most 52 characters. */
const MAX_CRONJOB_NAME = 52;

export function validateMetadataOnly(kind: string, object: PlainObject, issues: Issues): void {
  validateObjectMeta(object, { nameRule: METADATA_NAME_RULES[kind]! }, issues);
  // ValidateCronJobCreate: the name leaves room for the Job suffix
  const metadata = object['metadata'];
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as PlainObject)['name'] : undefined;
  if (kind === 'CronJob' && typeof name === 'string' && name.length > MAX_CRONJOB_NAME) {
    issues.invalid(
      ['metadata', 'name'],
      `is ${name.length} characters long; a CronJob name may have at most ${MAX_CRONJOB_NAME}, so that its Jobs' names (the name and an 11-character suffix) stay within 63`,
    );
  }
}
