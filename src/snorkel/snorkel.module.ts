import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConceptsModule } from '../concepts/concepts.module';
import { LabelingFunctionsModule } from '../labeling-functions/labeling-functions.module';
import { MaterializationsModule } from '../materializations/materializations.module';
import { RunsModule } from '../runs/runs.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { SnorkelJobEntity } from './snorkel-job.entity';
import { SnorkelController } from './snorkel.controller';
import { SnorkelProcessor } from './snorkel.processor';
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
  ],
  controllers: [SnorkelController],
  providers: [SnorkelService, SnorkelTrainer, SnorkelProcessor],
  exports: [SnorkelService],
})
export class SnorkelModule {}
