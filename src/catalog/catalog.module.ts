import { Module } from '@nestjs/common';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { CatalogSources } from './catalog-sources';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

/**
 * The asset catalog of a concept: the SQL assets it reads, and the entries other features
 * register (CatalogSources: labeling functions, Snorkel and classifier jobs).
 */
@Module({
  imports: [SqlAssetsModule],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogSources],
  exports: [CatalogSources],
})
export class CatalogModule {}
