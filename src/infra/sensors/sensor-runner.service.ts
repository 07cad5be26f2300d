import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/app-config.provider';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';

export interface SensorDefinition {
  name: string;
  /** PostgreSQL advisory lock key: with several instances only the holder ticks. */
  lockKey: number;
  intervalMs: number;
  tick: () => Promise<void>;
}

interface SensorState {
  def: SensorDefinition;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
}

/** Roles that run sensors (DESIGN §2). */
export function runsSensors(role: ResolvedConfig['appRole']): boolean {
  return role === 'all' || role === 'sensors';
}

/**
 * Runs sensors: each tick holds a transaction-scoped advisory lock, so with several sensor
 * instances one decides and the others skip. Ticks never overlap; `kick` asks for an
 * immediate tick (coalesced with one already running).
 */
@Injectable()
export class SensorRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Sensors');
  private readonly sensors = new Map<string, SensorState>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Registers a sensor; it ticks only in roles that run sensors. */
  register(def: SensorDefinition): void {
    const state: SensorState = { def, again: false };
    this.sensors.set(def.name, state);
    if (!runsSensors(this.config.appRole)) return;
    state.timer = setInterval(() => this.kick(def.name), def.intervalMs);
    state.timer.unref();
  }

  /** Ticks `name` now (or right after the tick in progress). Resolves when that tick ends. */
  kick(name: string): Promise<void> {
    const state = this.sensors.get(name);
    if (!state || this.stopped || !runsSensors(this.config.appRole)) return Promise.resolve();
    if (state.running) {
      state.again = true;
      return state.running;
    }
    state.running = this.loop(state).finally(() => (state.running = undefined));
    return state.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const s of this.sensors.values()) if (s.timer) clearInterval(s.timer);
    await Promise.allSettled([...this.sensors.values()].map((s) => s.running));
  }

  private async loop(state: SensorState): Promise<void> {
    do {
      state.again = false;
      await this.tickOnce(state.def);
    } while (state.again && !this.stopped);
  }

  private async tickOnce(def: SensorDefinition): Promise<void> {
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        def.lockKey,
      ]);
      if (locked) await def.tick();
      await runner.commitTransaction();
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (!this.stopped)
        this.logger.error(`sensor ${def.name} tick failed: ${(e as Error).stack ?? e}`);
    } finally {
      await runner.release();
    }
  }
}
