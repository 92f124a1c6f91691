/** A path inside a resource object, e.g. `['spec', 'ports', 0, 'nodePort']`. */
export type FieldPath = readonly (string | number)[];
