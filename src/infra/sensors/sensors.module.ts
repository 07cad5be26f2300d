import { Global, Module } from '@nestjs/common';
import { SensorRunner } from './sensor-runner.service';

@Global()
@Module({ providers: [SensorRunner], exports: [SensorRunner] })
export class SensorsModule {}
