import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DiagnosticProcessor } from './diagnostics/diagnostic.processor';
import { DiagnosticsService } from './diagnostics/diagnostics.service';
import { RunExecutor } from './run-executor.service';
import { RunMonitor } from './run-monitor.sensor';
import { RunProcessorRegistry } from './run-processor.registry';
import { DagsterRunsController, RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';

/** The orchestrator (DESIGN §5): runs table, queue workers, run monitor, /runs API. */
@Module({
  imports: [DiscoveryModule],
  controllers: [RunsController, DagsterRunsController],
  providers: [
    RunsRepository,
    RunsService,
    RunProcessorRegistry,
    RunExecutor,
    RunMonitor,
    DiagnosticsService,
    DiagnosticProcessor,
  ],
  exports: [RunsService],
})
export class RunsModule {}
