import { Module } from '@nestjs/common';
import { ClassifiersModule } from '../classifiers/classifiers.module';
import { ConceptsModule } from '../concepts/concepts.module';
import { ConnectionsModule } from '../connections/connections.module';
import { LabelingFunctionsModule } from '../labeling-functions/labeling-functions.module';
import { SnorkelModule } from '../snorkel/snorkel.module';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { DemoConceptSeeder } from './demo-concept.seeder';

/** Sets up the demo concept on the embedded first start (see DemoConceptSeeder). */
@Module({
  imports: [
    ConnectionsModule,
    ConceptsModule,
    SqlAssetsModule,
    LabelingFunctionsModule,
    SnorkelModule,
    ClassifiersModule,
  ],
  providers: [DemoConceptSeeder],
})
export class DemoConceptModule {}
