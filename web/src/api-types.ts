import type { components } from './api-schema';

/**
 * The API's response and request shapes, as the committed OpenAPI describes them (generated into
 * api-schema.d.ts by `npm run openapi:generate`; CI fails when it is stale). Pages name these
 * instead of writing their own copies, so a change of the API shows here as a type error.
 */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
