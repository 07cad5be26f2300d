import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { rateLimitOptions } from './common/rate-limit';
import { LoggerModule } from 'nestjs-pino';
import type { ResolvedConfig } from './bootstrap/infrastructure';
import { APP_CONFIG } from './config/app-config.provider';
import { AuthModule } from './auth/auth.module';
import { MetricsModule } from './metrics/metrics.module';
import { ConnectionsModule } from './connections/connections.module';
import { appDataSourceOptions } from './database/data-source.options';
import { HealthModule } from './health/health.module';
import { TippersDbModule } from './infra/tippers-db/tippers-db.module';
import { loggerOptions } from './logging/logger.options';
import { SpacesModule } from './spaces/spaces.module';
import { DuckDbModule } from './infra/duckdb/duckdb.module';
import { ObjectStoreModule } from './infra/object-store/object-store.module';
import { RunQueueModule } from './infra/run-queue/run-queue.module';
import { RunsModule } from './runs/runs.module';
import { OccupancyModule } from './occupancy/occupancy.module';
import { ConceptsModule } from './concepts/concepts.module';
import { SqlAssetsModule } from './sql-assets/sql-assets.module';
import { CatalogModule } from './catalog/catalog.module';
import { LabelingFunctionsModule } from './labeling-functions/labeling-functions.module';
import { SnorkelModule } from './snorkel/snorkel.module';
import { ModelsModule } from './models/models.module';
import { ClassifiersModule } from './classifiers/classifiers.module';
import { AdminModule } from './admin/admin.module';
import { QueueBoardModule } from './admin/queue-board/queue-board.module';
import { DemoConceptModule } from './demo-concept/demo-concept.module';

@Module({})
export class AppModule {
  /** The whole app, built from a config whose infrastructure is ready (see bootstrap/). */
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config.logLevel)),
        TypeOrmModule.forRoot({
          ...appDataSourceOptions(config.databaseUrl),
          // each feature module registers its entities with TypeOrmModule.forFeature
          autoLoadEntities: true,
        }),
        TippersDbModule.forRoot(config.tippersDbUrl),
        RunQueueModule.forRoot(config.runs),
        ObjectStoreModule.forRoot(config.objectStore),
        DuckDbModule.forRoot(config.duckdb),
        ThrottlerModule.forRoot(rateLimitOptions(config.auth.expensivePerMinute)),
        HealthModule,
        AuthModule,
        MetricsModule,
        SpacesModule,
        ConnectionsModule,
        RunsModule,
        OccupancyModule,
        ConceptsModule,
        SqlAssetsModule,
        CatalogModule,
        LabelingFunctionsModule,
        SnorkelModule,
        ModelsModule,
        ClassifiersModule,
        DemoConceptModule,
        AdminModule.register(),
        QueueBoardModule.register(config),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
