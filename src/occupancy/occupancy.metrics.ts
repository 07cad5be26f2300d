import { Counter } from 'prom-client';
import { processRegistry } from '../metrics/process-metrics';

/** Chunks this process's runs recorded COMPLETED (rate() of it is the chunk throughput). */
export const chunksCompleted = new Counter({
  name: 'tippers_occupancy_chunks_completed_total',
  help: 'Occupancy chunks recorded COMPLETED by this process, by chunk run kind',
  labelNames: ['kind'] as const,
  registers: [processRegistry],
});
