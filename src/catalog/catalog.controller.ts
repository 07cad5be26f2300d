import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIdParam, IdParam } from '../common/id-param';
import { CatalogResponse, CatalogStatsResponse } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('concepts')
@Controller('concepts/:c_id/catalog')
@ApiIdParam('c_id', 'Concept id')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({
    summary: 'Asset catalog of a concept',
    description:
      'Every index, rule and feature with its status, rows, storage key, last run, and whether ' +
      'it is stale (its SQL changed, or an input was re-materialized, after it was built) and why.',
  })
  @ApiOkResponse({ type: CatalogResponse })
  @ApiNotFoundResponse({ description: 'No such concept' })
  get(@IdParam('c_id') cId: number): Promise<CatalogResponse> {
    return this.catalog.catalog(cId);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Totals of the catalog: assets by type and status, stale, rows' })
  @ApiOkResponse({ type: CatalogStatsResponse })
  @ApiNotFoundResponse({ description: 'No such concept' })
  stats(@IdParam('c_id') cId: number): Promise<CatalogStatsResponse> {
    return this.catalog.stats(cId);
  }
}
