import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConceptsModule } from '../concepts/concepts.module';
import { ConnectionsModule } from '../connections/connections.module';
import { MaterializationsModule } from '../materializations/materializations.module';
import { AssetFiles } from './asset-files.service';
import { DerivedIndexSources } from './derived-index.sources';
import { FeatureEntity } from './feature.entity';
import { FeaturesController } from './features.controller';
import { IndexEntity } from './index.entity';
import { IndexesController } from './indexes.controller';
import { RuleEntity } from './rule.entity';
import { RulesController } from './rules.controller';
import {
  FeatureBuildProcessor,
  IndexBuildProcessor,
  RuleBuildProcessor,
} from './sql-build.processors';
import { SqlAssetsService } from './sql-assets.service';
import { SqlBuilder } from './sql-builder.service';
import { SqlDescriber } from './sql-describer.service';

/**
 * Indexes, rules and features (DESIGN §7): user SQL on registered connections, checked when
 * saved, materialized to Parquet by runs of three kinds declared here.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([IndexEntity, RuleEntity, FeatureEntity]),
    ConceptsModule,
    ConnectionsModule,
    MaterializationsModule,
  ],
  controllers: [IndexesController, RulesController, FeaturesController],
  providers: [
    SqlAssetsService,
    SqlDescriber,
    SqlBuilder,
    AssetFiles,
    DerivedIndexSources,
    IndexBuildProcessor,
    RuleBuildProcessor,
    FeatureBuildProcessor,
  ],
  exports: [SqlAssetsService, AssetFiles, DerivedIndexSources],
})
export class SqlAssetsModule {}
