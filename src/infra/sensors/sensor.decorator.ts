import { SetMetadata } from '@nestjs/common';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';

/** A sensor: a method that decides and enqueues, ticked on an interval and on kicks. */
export interface SensorOptions {
  /** Unique name; also what `SensorRunner.kick` takes. */
  name: string;
  /** PostgreSQL advisory lock key: with several sensor processes only one ticks at a time. */
  lockKey: number;
  /** Milliseconds between ticks, from the config. */
  every: (config: ResolvedConfig) => number;
  /**
   * Least milliseconds from the start of one tick to the start of the next, kicks included: a
   * costly sensor kicked by every finished run then ticks at most this often (kicks meanwhile
   * are coalesced into one tick after the gap). Default 0.
   */
  minGapMs?: (config: ResolvedConfig) => number;
}

export const SENSOR = 'tippers:sensor';

/**
 * Declares a provider method as a sensor. SensorRunner discovers it at start-up and schedules
 * it with @nestjs/schedule's SchedulerRegistry in processes that run sensors (APP_ROLE all or
 * sensors). The method takes no argument and must only decide and enqueue (DESIGN §2).
 */
export const Sensor = (opts: SensorOptions): MethodDecorator => SetMetadata(SENSOR, opts);
