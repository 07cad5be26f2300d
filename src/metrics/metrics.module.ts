import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** GET /metrics (Prometheus); protected like every read when API keys are required. */
@Module({ controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
