import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { SensorKickListener } from './sensor-kick.listener';
import { SensorRunner } from './sensor-runner.service';

/** Runs every @Sensor method (scheduled with @nestjs/schedule); features import it to kick. */
@Module({
  imports: [ScheduleModule.forRoot(), DiscoveryModule],
  providers: [SensorRunner, SensorKickListener],
  exports: [SensorRunner],
})
export class SensorsModule {}
