import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { APP_CONFIG } from '../../config/app-config.provider';
import { PgListener } from '../pg-notify/pg-listener.service';
import { runsSensors, SENSOR_KICK_CHANNEL, SensorRunner } from './sensor-runner.service';

/**
 * In processes that run sensors: ticks the sensor each notification on SENSOR_KICK_CHANNEL
 * names. Kicks sent while the LISTEN connection is down are lost; the sensors' intervals still
 * pick the work up.
 */
@Injectable()
export class SensorKickListener implements OnApplicationBootstrap {
  constructor(
    private readonly runner: SensorRunner,
    private readonly listener: PgListener,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsSensors(this.config.appRole)) return;
    await this.listener.listen(SENSOR_KICK_CHANNEL, {
      onNotify: (payload) => {
        if (!payload) return;
        const urgent = payload.endsWith('!');
        void this.runner.kickLocal(urgent ? payload.slice(0, -1) : payload, urgent);
      },
    });
  }
}
