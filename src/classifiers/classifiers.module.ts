import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { ConceptsModule } from '../concepts/concepts.module';
import { MaterializationsModule } from '../materializations/materializations.module';
import { ModelsModule } from '../models/models.module';
import { RunsModule } from '../runs/runs.module';
import { SnorkelModule } from '../snorkel/snorkel.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { ClassifierJobEntity } from './classifier-job.entity';
import { ClassifierProcessor } from './classifier.processor';
import { ClassifierTrainer } from './classifier-trainer.service';
import { ClassifiersController } from './classifiers.controller';
import { ClassifiersCatalog } from './classifiers.catalog';
import { ClassifiersService } from './classifiers.service';

/** Classifier jobs (DESIGN §7): run kind `classifier`; the best model goes to the registry. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ClassifierJobEntity]),
    ConceptsModule,
    SqlAssetsModule,
    MaterializationsModule,
    SnorkelModule,
    ModelsModule,
    RunsModule,
    CatalogModule,
  ],
  controllers: [ClassifiersController],
  providers: [ClassifiersService, ClassifierTrainer, ClassifierProcessor, ClassifiersCatalog],
  exports: [ClassifiersService],
})
export class ClassifiersModule {}
