import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/app-config.provider';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { SENSOR, SensorOptions } from './sensor.decorator';

/** PostgreSQL channel on which a process without sensors asks the sensor processes to tick. */
export const SENSOR_KICK_CHANNEL = 'tippers_sensor_kick';

interface SensorState {
  def: SensorOptions;
  tick: () => Promise<void>;
  running?: Promise<void>;
  again: boolean;
  /** The next tick may start before the sensor's minimum gap is over. */
  now: boolean;
  /** performance.now() when the last tick started. */
  lastStart: number;
  gapMs: number;
  /** Ends the wait for the minimum gap, when one is under way. */
  wake?: () => void;
}

/** Roles that run sensors (DESIGN §2). */
export function runsSensors(role: ResolvedConfig['appRole']): boolean {
  return role === 'all' || role === 'sensors';
}

/**
 * Runs the @Sensor methods of every provider. Each is scheduled with @nestjs/schedule's
 * SchedulerRegistry (an interval per sensor) in processes that run sensors. A tick holds a
 * transaction-scoped advisory lock, so with several sensor processes one decides and the
 * others skip; ticks of one sensor never overlap; `kick` asks for an immediate tick (coalesced
 * with one already running). In a process without sensors (api, worker) a kick is sent with
 * PostgreSQL NOTIFY to the sensor processes (SensorKickListener), so a POST on an api process
 * starts work at once instead of after the sensor's interval.
 */
@Injectable()
export class SensorRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sensors');
  private readonly sensors = new Map<string, SensorState>();
  private readonly local: boolean;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.local = runsSensors(config.appRole);
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { instance } = wrapper;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const def = this.reflector.get<SensorOptions | undefined>(SENSOR, fn);
        if (def) this.add(def, () => fn.call(instance) as Promise<void>);
      }
    }
  }

  /** Names of the sensors found (every process finds them; only sensor roles tick them). */
  names(): string[] {
    return [...this.sensors.keys()];
  }

  /**
   * Ticks `name` now (or right after the tick in progress, or once its minimum gap is over);
   * resolves when that tick ends. `urgent` skips the gap (the last piece of work just ended). In
   * a process without sensors, notifies the sensor processes and resolves once that is sent.
   */
  kick(name: string, urgent = false): Promise<void> {
    if (this.stopped || !this.sensors.has(name)) return Promise.resolve();
    if (!this.local) {
      return this.db
        .query('SELECT pg_notify($1, $2)', [SENSOR_KICK_CHANNEL, urgent ? `${name}!` : name])
        .then(() => undefined)
        .catch((e) => this.logger.warn(`could not notify the sensors to tick ${name}: ${e}`));
    }
    return this.kickLocal(name, urgent);
  }

  /** Ticks `name` in this process (kicks that came through NOTIFY end here). */
  kickLocal(name: string, urgent = false): Promise<void> {
    const state = this.sensors.get(name);
    if (!state || this.stopped || !this.local) return Promise.resolve();
    if (urgent) {
      state.now = true;
      state.wake?.();
    }
    if (state.running) {
      state.again = true;
      return state.running;
    }
    state.running = this.loop(state).finally(() => (state.running = undefined));
    return state.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const [name, state] of this.sensors) {
      if (this.scheduler.doesExist('interval', name)) this.scheduler.deleteInterval(name);
      state.wake?.();
    }
    await Promise.allSettled([...this.sensors.values()].map((s) => s.running));
  }

  private add(def: SensorOptions, tick: () => Promise<void>): void {
    if (this.sensors.has(def.name)) throw new Error(`two sensors are named "${def.name}"`);
    this.sensors.set(def.name, {
      def,
      tick,
      again: false,
      now: false,
      lastStart: -Infinity,
      gapMs: def.minGapMs?.(this.config) ?? 0,
    });
    if (!this.local) return;
    const timer = setInterval(() => void this.kickLocal(def.name), def.every(this.config));
    timer.unref();
    this.scheduler.addInterval(def.name, timer);
  }

  private async loop(state: SensorState): Promise<void> {
    do {
      const wait = state.lastStart + state.gapMs - performance.now();
      if (wait > 0 && !state.now) await this.pause(state, wait);
      state.now = false;
      if (this.stopped) return;
      state.again = false;
      state.lastStart = performance.now();
      await this.tickOnce(state);
    } while (state.again && !this.stopped);
  }

  /** Waits `ms`, or less when an urgent kick or the shutdown arrives meanwhile. */
  private pause(state: SensorState, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        state.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      state.wake = done;
    });
  }

  private async tickOnce(state: SensorState): Promise<void> {
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        state.def.lockKey,
      ]);
      if (locked) await state.tick();
      await runner.commitTransaction();
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (!this.stopped)
        this.logger.error(`sensor ${state.def.name} tick failed: ${(e as Error).stack ?? e}`);
    } finally {
      await runner.release();
    }
  }
}
