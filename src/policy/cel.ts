/** The one door to the CEL engine: the admission environment, compiled once per expression text. */
import {
  AUTHORIZER_TYPE,
  celEnvironment,
  OFFLINE_AUTHORIZER,
  selectionKey,
  selectionOf,
  toCel,
  toCelSelected,
  toPlain,
  valueKey,
  type CelEnvironment,
  type CelError,
  type CelProgram,
  type Selection,
} from '../cel/index.js';

export type { CelProgram, Selection };
export { selectionKey, selectionOf, valueKey };

/** The variables a ValidatingAdmissionPolicy expression may use; `authorizer` compiles, but its decisions are errors offline. */
const ADMISSION_VARIABLES = { object: 'dyn', oldObject: 'dyn', params: 'dyn', namespaceObject: 'dyn', request: 'dyn', variables: 'dyn', authorizer: AUTHORIZER_TYPE } as const;

/** What every evaluation gets besides the object, params and request. */
export const OFFLINE_ACTIVATION = { oldObject: null, authorizer: toCel(OFFLINE_AUTHORIZER) } as const;

let environment: CelEnvironment | undefined;

function admissionEnvironment(): CelEnvironment {
  return (environment ??= celEnvironment({ variables: ADMISSION_VARIABLES }));
}

export type Compiled = { readonly ok: true; readonly program: CelProgram } | { readonly ok: false; readonly error: CelError };

export function compile(expression: string): Compiled {
  return admissionEnvironment().compile(expression);
}

export { toPlain };

/**
 * A value converted for the CEL engine ahead of evaluation: converted values pass through unchanged, so
 * an object evaluated by a hundred expressions is converted once, whatever else is evaluated between.
 */
export function celValue(value: unknown): unknown {
  try {
    return toCel(value);
  } catch {
    // Too deep to convert here: evaluation converts it again and turns the failure into an error result.
    return value;
  }
}

/** `celValue` of only what `selection` reads (see `toCelSelected`). */
export function celSelected(value: unknown, selection: Selection): unknown {
  try {
    return toCelSelected(value, selection);
  } catch {
    return value;
  }
}

/** The `variables` of an expression that reads none. */
export const NO_VARIABLES = toCel({});
