/**
 * Every kind of run the service knows, with its defaults. Each kind must have exactly one
 * processor (checked at start-up by RunProcessorRegistry).
 */
export interface RunKindDefinition {
  kind: string;
  /** Interactive kinds (previews, single materializations) are served before bulk ones. */
  priority: 'interactive' | 'bulk';
  maxAttempts: number;
  /** Default timeout_seconds; null: no limit. */
  timeoutSeconds: number | null;
}

export const RUN_KINDS: readonly RunKindDefinition[] = [
  { kind: 'diagnostic', priority: 'interactive', maxAttempts: 1, timeoutSeconds: null },
  { kind: 'occupancy_source_chunk', priority: 'bulk', maxAttempts: 3, timeoutSeconds: null },
  { kind: 'occupancy_derived_chunk', priority: 'bulk', maxAttempts: 3, timeoutSeconds: null },
];

/** Queue priority of a kind: 0 serves first. */
export function queuePriority(def: RunKindDefinition): number {
  return def.priority === 'interactive' ? 0 : 10;
}
