import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { ConceptsModule } from '../concepts/concepts.module';
import { LabelingFunctionsModule } from '../labeling-functions/labeling-functions.module';
import { MaterializationsModule } from '../materializations/materializations.module';
import { RunsModule } from '../runs/runs.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { SnorkelJobEntity } from './snorkel-job.entity';
import { SnorkelController } from './snorkel.controller';
import { SnorkelProcessor } from './snorkel.processor';
import { SnorkelCatalog } from './snorkel.catalog';
import { SnorkelService } from './snorkel.service';
import { SnorkelTrainer } from './snorkel-trainer.service';

/** Snorkel jobs (DESIGN §7): the label model over LF votes, run kind `snorkel`. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SnorkelJobEntity]),
    ConceptsModule,
    SqlAssetsModule,
    MaterializationsModule,
    LabelingFunctionsModule,
    RunsModule,
    CatalogModule,
  ],
  controllers: [SnorkelController],
  providers: [SnorkelService, SnorkelTrainer, SnorkelProcessor, SnorkelCatalog],
  exports: [SnorkelService],
})
export class SnorkelModule {}
