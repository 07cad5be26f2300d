import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequireRole, RequireRoleWhen } from '../auth/auth.decorators';
import { CascadeQuery } from '../common/cascade-query';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import { Expensive } from '../common/rate-limit';
import { DependentsResponse } from '../concepts/concepts.dto';
import {
  CreateKeyedAssetDto,
  MaterializeResponse,
  FeatureResponse,
  PreviewQuery,
  PreviewResponse,
  UpdateKeyedAssetDto,
} from './sql-assets.dto';
import { toFeatureResponse } from './sql-assets.responses';
import { SqlAssetsService } from './sql-assets.service';

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed ' +
  'definition is checked on the connection again and makes the current data stale.';
const SAVE_DOC =
  "The SQL is checked with PostgreSQL's parser (one read-only query) and then on the " +
  'connection with a zero-row run: index_column must be an output column. Errors are 400s naming the problem.';

@ApiTags('features')
@Controller('concepts/:c_id/features')
@ApiIdParam('c_id', 'Concept id')
export class FeaturesController {
  constructor(private readonly assets: SqlAssetsService) {}

  @Get()
  @ApiOperation({ summary: 'List the features of a concept (ordered by id; paged)' })
  @ApiPage(FeatureResponse)
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FeatureResponse[]> {
    const page = await this.assets.list('feature', cId, query);
    return sendPage(req, res, { ...page, items: page.items.map(toFeatureResponse) });
  }

  @Post()
  @ApiOperation({ summary: 'Create a feature', description: SAVE_DOC })
  @ApiCreatedResponse({ type: FeatureResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The name is taken in the concept' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async create(
    @IdParam('c_id') cId: number,
    @Body() body: CreateKeyedAssetDto,
  ): Promise<FeatureResponse> {
    return toFeatureResponse(await this.assets.create('feature', cId, body));
  }

  @Get(':feature_id')
  @ApiOperation({ summary: 'Get a feature with its materialization state' })
  @ApiOkResponse({ type: FeatureResponse })
  @ApiNotFoundResponse({ description: 'No such concept or feature' })
  @ApiIdParam('feature_id', 'Feature id')
  async get(
    @IdParam('c_id') cId: number,
    @IdParam('feature_id') id: number,
  ): Promise<FeatureResponse> {
    return toFeatureResponse(await this.assets.view('feature', cId, id));
  }

  @Put(':feature_id')
  @ApiOperation({ summary: 'Update a feature', description: UPDATE_DOC })
  @ApiOkResponse({ type: FeatureResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or feature' })
  @ApiIdParam('feature_id', 'Feature id')
  async replace(
    @IdParam('c_id') cId: number,
    @IdParam('feature_id') id: number,
    @Body() body: UpdateKeyedAssetDto,
  ): Promise<FeatureResponse> {
    return toFeatureResponse(await this.assets.update('feature', cId, id, body));
  }

  @Patch(':feature_id')
  @ApiOperation({ summary: 'Update a feature (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: FeatureResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or feature' })
  @ApiIdParam('feature_id', 'Feature id')
  async update(
    @IdParam('c_id') cId: number,
    @IdParam('feature_id') id: number,
    @Body() body: UpdateKeyedAssetDto,
  ): Promise<FeatureResponse> {
    return toFeatureResponse(await this.assets.update('feature', cId, id, body));
  }

  @Delete(':feature_id')
  @RequireRole('editor')
  @RequireRoleWhen('cascade', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a feature and its stored data',
    description: 'Its materializations and their objects go with it.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such concept or feature' })
  @ApiConflictResponse({ type: DependentsResponse, description: 'It has dependents' })
  @ApiForbiddenResponse({ description: 'cascade needs the admin role' })
  @ApiIdParam('feature_id', 'Feature id')
  async remove(
    @IdParam('c_id') cId: number,
    @IdParam('feature_id') id: number,
    @Query() q: CascadeQuery,
  ): Promise<void> {
    await this.assets.remove('feature', cId, id, q.cascade ?? false);
  }

  @Post(':feature_id/materialize')
  @Expensive()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Materialize a feature (a run)',
    description:
      'Answers 202 with the run at once. A build already in flight is returned instead of a ' +
      'second one (two clicks, one run). If its index was never materialized, that build is requested too and this one waits for it. Follow it at GET /runs/{run_id}.',
  })
  @ApiAcceptedResponse({ type: MaterializeResponse })
  @ApiNotFoundResponse({ description: 'No such concept or feature' })
  @ApiIdParam('feature_id', 'Feature id')
  async materialize(
    @IdParam('c_id') cId: number,
    @IdParam('feature_id') id: number,
  ): Promise<MaterializeResponse> {
    const t = await this.assets.materialize('feature', cId, id);
    return { run_id: t.run_id, status: t.status };
  }

  @Get(':feature_id/preview')
  @ApiOperation({
    summary: 'First rows of a feature',
    description:
      'From its current Parquet when materialized and not stale; otherwise a live LIMITed ' +
      'query on the connection (10 s timeout). With column names and types.',
  })
  @ApiOkResponse({ type: PreviewResponse })
  @ApiBadRequestResponse({ description: 'limit out of range, or the live query failed' })
  @ApiConflictResponse({ description: 'Live preview needs the index materialized (:index_values)' })
  @ApiNotFoundResponse({ description: 'No such concept or feature' })
  @ApiIdParam('feature_id', 'Feature id')
  async preview(
    @IdParam('c_id') cId: number,
    @IdParam('feature_id') id: number,
    @Query() q: PreviewQuery,
  ): Promise<PreviewResponse> {
    return this.assets.preview('feature', cId, id, q.limit ?? 50);
  }
}
