/** How rules declare a derived view of the index (`index.view(V)`): see `src/model/views.ts`. */
export { lookupView, view, type KeyPart, type View } from '../model/views.js';
