import type { FieldPath } from '../api/types.js';

/**
 * One reason the API server refuses an object, at the field it names. `reason` is a plain sentence
 * fragment that follows the field ("must be between 1 and 65535"); `missing` marks a required field
 * that is absent (it is reported at its key, or at its parent's). `owner` names the rule that already
 * reports this check with its own message, so the api-validation rule leaves it to it.
 */
export interface ApiIssue {
  readonly path: FieldPath;
  readonly reason: string;
  readonly missing?: boolean;
  /** The problem is the map key itself (a label or annotation key), not its value. */
  readonly atKey?: boolean;
  readonly owner?: string;
}

/** Collects the issues of one object, as a field.ErrorList does upstream. */
export class Issues {
  readonly list: ApiIssue[] = [];

  invalid(path: FieldPath, reason: string, owner?: string): void {
    this.list.push({ path, reason, ...(owner ? { owner } : {}) });
  }

  invalidKey(path: FieldPath, reason: string): void {
    this.list.push({ path, reason, atKey: true });
  }

  required(path: FieldPath, reason: string, owner?: string): void {
    this.list.push({ path, reason, missing: true, ...(owner ? { owner } : {}) });
  }

  /** field.NotSupported: the value is not one of `allowed`. */
  notSupported(path: FieldPath, value: unknown, allowed: readonly string[], owner?: string): void {
    this.invalid(path, `is ${JSON.stringify(value)}, which is not supported; use ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, owner);
  }
}
