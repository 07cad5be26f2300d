import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { PgNotifyModule } from '../pg-notify/pg-notify.module';
import { SensorKickListener } from './sensor-kick.listener';
import { SensorRunner } from './sensor-runner.service';

/** Runs every @Sensor method (scheduled with @nestjs/schedule); features import it to kick. */
@Module({
  imports: [ScheduleModule.forRoot(), DiscoveryModule, PgNotifyModule],
  providers: [SensorRunner, SensorKickListener],
  exports: [SensorRunner],
})
export class SensorsModule {}
