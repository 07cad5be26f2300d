import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SensorsModule } from '../infra/sensors/sensors.module';
import { DiagnosticProcessor } from './diagnostics/diagnostic.processor';
import { DiagnosticsService } from './diagnostics/diagnostics.service';
import { RunEventEntity } from './run-event.entity';
import { RunEntity } from './run.entity';
import { RunEndedEvents } from './run-ended.events';
import { RunExecutor } from './run-executor.service';
import { RunMonitor } from './run-monitor.sensor';
import { RunProcessorRegistry } from './run-processor.registry';
import { DagsterRunsController, RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';

/**
 * The orchestrator (DESIGN §5): runs table, queue workers, run monitor, run-ended events,
 * /runs API. Run kinds are declared by their features (@RunKind on a processor) and discovered.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RunEntity, RunEventEntity]), DiscoveryModule, SensorsModule],
  controllers: [RunsController, DagsterRunsController],
  providers: [
    RunsRepository,
    RunsService,
    RunEndedEvents,
    RunProcessorRegistry,
    RunExecutor,
    RunMonitor,
    DiagnosticsService,
    DiagnosticProcessor,
  ],
  exports: [RunsService],
})
export class RunsModule {}
