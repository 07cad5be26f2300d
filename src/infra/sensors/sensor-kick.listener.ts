import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from 'pg';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { APP_CONFIG } from '../../config/app-config.provider';
import { runsSensors, SENSOR_KICK_CHANNEL, SensorRunner } from './sensor-runner.service';

const RECONNECT_MS = 1000;

/**
 * In processes that run sensors: LISTENs on SENSOR_KICK_CHANNEL with a connection of its own
 * and ticks the sensor each notification names. Reconnects after losing the connection (kicks
 * sent meanwhile are lost; the sensors' intervals still pick the work up).
 */
@Injectable()
export class SensorKickListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SensorKicks');
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly runner: SensorRunner,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (runsSensors(this.config.appRole)) await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'tippers-sensor-kicks',
    });
    const retry = () => {
      if (this.client === client) this.client = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (this.stopped || this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.connect();
      }, RECONNECT_MS);
      this.timer.unref();
    };
    client.on('error', (e) => {
      if (!this.stopped) this.logger.warn(`kick listener lost its connection: ${e.message}`);
      retry();
    });
    client.on('end', retry);
    client.on('notification', (n) => {
      if (n.channel !== SENSOR_KICK_CHANNEL || !n.payload) return;
      const urgent = n.payload.endsWith('!');
      void this.runner.kickLocal(urgent ? n.payload.slice(0, -1) : n.payload, urgent);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SENSOR_KICK_CHANNEL}`);
      this.client = client;
    } catch (e) {
      if (!this.stopped) this.logger.warn(`kick listener could not connect: ${String(e)}`);
      retry();
    }
  }
}
