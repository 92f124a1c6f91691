import type { FieldPath } from '../../api/types.js';

/**
 * Whether the API server fills this field before validation when it is empty or left out, so a
 * schema error there (`type: ""`, a missing podSelector) is no rejection. From SetDefaults_Service,
 * SetDefaults_Endpoints, and NetworkPolicySpec.podSelector being a non-pointer struct (omitted = {}).
 */
export function filledBeforeValidation(kind: string, path: FieldPath, value: unknown, keyword: string): boolean {
  const key = path.at(-1);
  if (keyword === 'required') return kind === 'NetworkPolicy' && path.length === 1 && path[0] === 'spec' && value === 'podSelector';
  if (value !== '') return false;
  if (kind === 'Service') {
    if (path.length === 2 && path[0] === 'spec') return key === 'type' || key === 'sessionAffinity' || key === 'externalTrafficPolicy';
    return path.length === 4 && path[1] === 'ports' && key === 'protocol';
  }
  if (kind === 'Endpoints') return path[0] === 'subsets' && path[2] === 'ports' && key === 'protocol';
  return false;
}
