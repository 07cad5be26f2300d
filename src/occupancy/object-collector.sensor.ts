import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { Sensor } from '../infra/sensors/sensor.decorator';
import { OBJECT_COLLECTOR } from './occupancy-kicks';
import { WindowObjectsRepository } from './window-objects.repository';

/** Objects deleted per pass. */
const BATCH = 500;

/**
 * Deletes the occupancy objects no chunk references any more (a recomputed chunk points at a
 * new object; a run that died after storing its object never recorded it), once they have been
 * unreferenced for OCCUPANCY_OBJECT_GRACE_SECONDS: a reader that looked up a key just before
 * the chunk moved on still finds its object. Referenced objects are never deleted (a foreign
 * key from the chunks guards them).
 */
@Injectable()
export class ObjectCollectorSensor {
  private readonly logger = new Logger('ObjectCollector');

  constructor(
    private readonly objects: WindowObjectsRepository,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Sensor({
    name: OBJECT_COLLECTOR,
    lockKey: 7_301_023,
    every: (c) => c.occupancy.objectCollectorIntervalSeconds * 1000,
  })
  async collect(): Promise<void> {
    await this.objects.markUnreferenced();
    const grace = this.config.occupancy.objectGraceSeconds;
    for (;;) {
      const keys = await this.objects.collect(grace, BATCH, (k) => this.store.deleteMany(k));
      if (keys.length) this.logger.log(`deleted ${keys.length} unreferenced occupancy object(s)`);
      if (keys.length < BATCH) return;
    }
  }
}
