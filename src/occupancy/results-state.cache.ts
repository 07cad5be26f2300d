import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { NotifiedMemory } from '../infra/pg-notify/notified-memory';
import { PgListener } from '../infra/pg-notify/pg-listener.service';
import type { SpaceState } from './results.repository';

/** Sent by the triggers of migration OccupancyChangeNotify after any chunk or dataset change. */
export const OCCUPANCY_CHANGED_CHANNEL = 'occupancy_changed';
/** Complete spaces kept (a state is a few hundred bytes plus ~100 per window). */
const MAX_STATES = 10_000;
/** Bytes of formatted result bodies kept. */
const BODY_BYTES = 64 * 1024 * 1024;

/** A formatted results body of a complete space, as sent. */
export interface KeptBody {
  contentType: string;
  filename: string | null;
  bytes: Buffer;
}

/**
 * The states of complete spaces (dataset, progress, own chunks: what a results request reads
 * in its one query) and their small formatted bodies, kept so that a repeated request reads
 * nothing from PostgreSQL and formats nothing. Valid only
 * while this process LISTENs on occupancy_changed: every notification, and every start or loss
 * of listening, drops all of them; a state read while a notification arrived is not kept. So a
 * kept state is at most as old as the last notification not yet received (milliseconds after
 * the change's commit). Off when OCCUPANCY_RESULTS_CACHE_MB is 0.
 */
@Injectable()
export class ResultsStateCache implements OnApplicationBootstrap {
  private readonly states: LRUCache<string, SpaceState> | null;
  private readonly bodies: LRUCache<string, KeptBody> | null;
  private readonly memory: NotifiedMemory;

  constructor(
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly listener: PgListener,
  ) {
    const on = config.occupancy.resultsCacheBytes > 0;
    this.states = on ? new LRUCache({ max: MAX_STATES }) : null;
    this.bodies = on
      ? new LRUCache({ maxSize: BODY_BYTES, sizeCalculation: (b) => b.bytes.length + 200 })
      : null;
    this.memory = new NotifiedMemory([this.states, this.bodies].filter((c) => c !== null));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.states) await this.memory.listen(this.listener, OCCUPANCY_CHANGED_CHANNEL);
  }

  /** Taken before reading a state; put() keeps the state only if nothing changed since. */
  get now(): number {
    return this.memory.now;
  }

  get(datasetId: number, spaceId: number | undefined): SpaceState | undefined {
    return this.memory.usable ? this.states?.get(keyOf(datasetId, spaceId)) : undefined;
  }

  put(datasetId: number, spaceId: number | undefined, state: SpaceState, readAt: number): void {
    if (this.memory.mayKeep(readAt)) this.states?.set(keyOf(datasetId, spaceId), state);
  }

  /** A kept body: `key` names the dataset, the space and everything else of the query. */
  getBody(key: string): KeptBody | undefined {
    return this.memory.usable ? this.bodies?.get(key) : undefined;
  }

  putBody(key: string, body: KeptBody, readAt: number): void {
    if (this.memory.mayKeep(readAt) && body.bytes.length <= BODY_BYTES / 16)
      this.bodies?.set(key, body);
  }

  /** Drops everything kept (a change is known here before its notification arrives). */
  invalidate(): void {
    this.memory.invalidate();
  }
}

const keyOf = (datasetId: number, spaceId: number | undefined) =>
  `${datasetId}:${spaceId ?? 'root'}`;
