import { Injectable } from '@nestjs/common';
import { SensorRunner } from '../infra/sensors/sensor-runner.service';

/** Sensor names of the occupancy feature. */
export const SOURCE_SENSOR = 'occupancy-source-chunks';
export const DERIVED_SENSOR = 'occupancy-derived-chunks';
export const COMPLETION_SENSOR = 'occupancy-completion';
export const OBJECT_COLLECTOR = 'occupancy-object-collector';

/**
 * When occupancy asks its sensors to tick at once instead of at their next interval. In a
 * process without sensors the kick reaches the sensor processes through PostgreSQL NOTIFY.
 */
@Injectable()
export class OccupancyKicks {
  constructor(private readonly sensors: SensorRunner) {}

  /** After a POST or retry planned PENDING chunks. */
  afterPlan(): void {
    void this.sensors.kick(SOURCE_SENSOR);
  }

  /** After chunks went back to PENDING outside a POST (their object was lost). */
  afterReset(): void {
    void this.sensors.kick(SOURCE_SENSOR).then(() => this.sensors.kick(DERIVED_SENSOR));
  }

  /**
   * After a chunk run ended: datasets may be complete, derived chunks may have become runnable.
   * `last`: no chunk run is left, so the datasets' statuses are updated at once.
   */
  afterRunEnded(last: boolean): void {
    void this.sensors.kick(COMPLETION_SENSOR, last).then(() => this.sensors.kick(DERIVED_SENSOR));
  }
}
