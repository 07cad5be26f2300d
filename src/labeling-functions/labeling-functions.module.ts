import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConceptsModule } from '../concepts/concepts.module';
import { MaterializationsModule } from '../materializations/materializations.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { LabelingFunctionEntity } from './labeling-function.entity';
import { LabelingFunctionsController } from './labeling-functions.controller';
import { LabelingFunctionsService } from './labeling-functions.service';
import { LfRunner } from './lf-runner.service';

/** Labeling functions (DESIGN §7): conditions, sql and code LFs over a concept's rules. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LabelingFunctionEntity]),
    ConceptsModule,
    SqlAssetsModule,
    MaterializationsModule,
  ],
  controllers: [LabelingFunctionsController],
  providers: [LabelingFunctionsService, LfRunner],
  exports: [LabelingFunctionsService, LfRunner],
})
export class LabelingFunctionsModule {}
