import type { AnyRule } from '../src/api/types.js';
import duplicateResource from './duplicate-resource.js';
import nodeportConflict from './nodeport-conflict.js';
import nodeportRange from './nodeport-range.js';
import nodeportStaticBand from './nodeport-static-band.js';
import nodeportType from './nodeport-type.js';
import schema from './schema.js';

/** Every rule, by id. A rule's id equals its file name. */
export const rules: readonly AnyRule[] = [schema, duplicateResource, nodeportRange, nodeportType, nodeportConflict, nodeportStaticBand];
