/**
 * Occupancy core: the pure arithmetic of DESIGN §6 (bins, effective ranges, chunk windows and
 * keys, request validation, chunk timeouts, zero filling, UTC text) and a reference
 * implementation used as a test oracle. No Nest, no I/O, nothing from src/.
 * Instants are Unix epoch seconds (UTC), possibly fractional, unless a name says otherwise.
 */
export * from './bins';
export * from './chunks';
export * from './utc';
export * from './validate';
export * from './reference';
export * from './space-plan';
export * from './window-batch';
export * from './window-rollup';
export * from './run-spans';
export * from './stale';
export * from './series-split';
