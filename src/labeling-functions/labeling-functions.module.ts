import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { ConceptsModule } from '../concepts/concepts.module';
import { MaterializationsModule } from '../materializations/materializations.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { LabelingFunctionEntity } from './labeling-function.entity';
import { LabelingFunctionsController } from './labeling-functions.controller';
import { LabelingFunctionsCatalog } from './labeling-functions.catalog';
import { LabelingFunctionsService } from './labeling-functions.service';
import { LfRunner } from './lf-runner.service';

/** Labeling functions (DESIGN §7): conditions, sql and code LFs over a concept's rules. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LabelingFunctionEntity]),
    ConceptsModule,
    SqlAssetsModule,
    MaterializationsModule,
    CatalogModule,
  ],
  controllers: [LabelingFunctionsController],
  providers: [LabelingFunctionsService, LfRunner, LabelingFunctionsCatalog],
  exports: [LabelingFunctionsService, LfRunner],
})
export class LabelingFunctionsModule {}
