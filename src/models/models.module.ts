import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.provider';
import { MaterializationsModule } from '../materializations/materializations.module';
import { RunsModule } from '../runs/runs.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { ModelArtifacts } from './model-artifacts.service';
import { ModelPredictProcessor } from './model-predict.processor';
import { ModelPredictionEntity } from './model-prediction.entity';
import { ModelPredictions } from './model-predictions.service';
import { ModelVersionEntity } from './model-version.entity';
import { ModelEntity } from './model.entity';
import { ModelsApi } from './models-api.service';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

/**
 * The model registry (DESIGN §7): models, versions with artifacts in the object store,
 * uploads (ONNX, tippers-classifier JSON), predictions (rows now; a whole index as a run of
 * kind `model_predict`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ModelEntity, ModelVersionEntity, ModelPredictionEntity]),
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: {
          fileSize: config.models.uploadMaxBytes,
          files: 1,
          fields: 20,
          fieldSize: 1024 * 1024,
        },
      }),
    }),
    SqlAssetsModule,
    MaterializationsModule,
    RunsModule,
  ],
  controllers: [ModelsController],
  providers: [ModelsService, ModelArtifacts, ModelPredictions, ModelsApi, ModelPredictProcessor],
  exports: [ModelsService, ModelArtifacts, ModelPredictions],
})
export class ModelsModule {}
