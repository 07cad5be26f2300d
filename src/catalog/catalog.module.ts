import { Module } from '@nestjs/common';
import { SqlAssetsModule } from '../sql-assets/sql-assets.module';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

/** The asset catalog of a concept (reads the asset modules it imports). */
@Module({
  imports: [SqlAssetsModule],
  controllers: [CatalogController],
  providers: [CatalogService],
})
export class CatalogModule {}
