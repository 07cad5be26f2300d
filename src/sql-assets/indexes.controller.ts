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
  CreateIndexDto,
  MaterializeResponse,
  IndexResponse,
  PreviewQuery,
  PreviewResponse,
  UpdateIndexDto,
} from './sql-assets.dto';
import { toIndexResponse } from './sql-assets.responses';
import { SqlAssetsService } from './sql-assets.service';

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed ' +
  'definition is checked on the connection again and makes the current data stale.';
const SAVE_DOC =
  "The SQL is checked with PostgreSQL's parser (one read-only query) and then on the " +
  'connection with a zero-row run: key_column must be an output column. Errors are 400s naming the problem.';

@ApiTags('indexes')
@Controller('concepts/:c_id/indexes')
@ApiIdParam('c_id', 'Concept id')
export class IndexesController {
  constructor(private readonly assets: SqlAssetsService) {}

  @Get()
  @ApiOperation({ summary: 'List the indexes of a concept (ordered by id; paged)' })
  @ApiPage(IndexResponse)
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IndexResponse[]> {
    const page = await this.assets.list('index', cId, query);
    return sendPage(req, res, { ...page, items: page.items.map(toIndexResponse) });
  }

  @Post()
  @ApiOperation({ summary: 'Create an index', description: SAVE_DOC })
  @ApiCreatedResponse({ type: IndexResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The name is taken in the concept' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async create(@IdParam('c_id') cId: number, @Body() body: CreateIndexDto): Promise<IndexResponse> {
    return toIndexResponse(await this.assets.create('index', cId, body));
  }

  @Get(':index_id')
  @ApiOperation({ summary: 'Get an index with its materialization state' })
  @ApiOkResponse({ type: IndexResponse })
  @ApiNotFoundResponse({ description: 'No such concept or index' })
  @ApiIdParam('index_id', 'Index id')
  async get(@IdParam('c_id') cId: number, @IdParam('index_id') id: number): Promise<IndexResponse> {
    return toIndexResponse(await this.assets.view('index', cId, id));
  }

  @Put(':index_id')
  @ApiOperation({ summary: 'Update an index', description: UPDATE_DOC })
  @ApiOkResponse({ type: IndexResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or index' })
  @ApiIdParam('index_id', 'Index id')
  async replace(
    @IdParam('c_id') cId: number,
    @IdParam('index_id') id: number,
    @Body() body: UpdateIndexDto,
  ): Promise<IndexResponse> {
    return toIndexResponse(await this.assets.update('index', cId, id, body));
  }

  @Patch(':index_id')
  @ApiOperation({ summary: 'Update an index (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: IndexResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or index' })
  @ApiIdParam('index_id', 'Index id')
  async update(
    @IdParam('c_id') cId: number,
    @IdParam('index_id') id: number,
    @Body() body: UpdateIndexDto,
  ): Promise<IndexResponse> {
    return toIndexResponse(await this.assets.update('index', cId, id, body));
  }

  @Delete(':index_id')
  @RequireRole('editor')
  @RequireRoleWhen('cascade', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete an index and its stored data',
    description:
      'An index with rules or features is a 409 listing them; `?cascade=true` (admin) deletes them too.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such concept or index' })
  @ApiConflictResponse({ type: DependentsResponse, description: 'It has dependents' })
  @ApiForbiddenResponse({ description: 'cascade needs the admin role' })
  @ApiIdParam('index_id', 'Index id')
  async remove(
    @IdParam('c_id') cId: number,
    @IdParam('index_id') id: number,
    @Query() q: CascadeQuery,
  ): Promise<void> {
    await this.assets.remove('index', cId, id, q.cascade ?? false);
  }

  @Post(':index_id/materialize')
  @Expensive()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Materialize an index (a run)',
    description:
      'Answers 202 with the run at once. A build already in flight is returned instead of a ' +
      'second one (two clicks, one run). Follow it at GET /runs/{run_id}.',
  })
  @ApiAcceptedResponse({ type: MaterializeResponse })
  @ApiNotFoundResponse({ description: 'No such concept or index' })
  @ApiIdParam('index_id', 'Index id')
  async materialize(
    @IdParam('c_id') cId: number,
    @IdParam('index_id') id: number,
  ): Promise<MaterializeResponse> {
    const t = await this.assets.materialize('index', cId, id);
    return { run_id: t.run_id, status: t.status };
  }

  @Get(':index_id/preview')
  @ApiOperation({
    summary: 'First rows of an index',
    description:
      'From its current Parquet when materialized and not stale; otherwise a live LIMITed ' +
      'query on the connection (10 s timeout). With column names and types.',
  })
  @ApiOkResponse({ type: PreviewResponse })
  @ApiBadRequestResponse({ description: 'limit out of range, or the live query failed' })
  @ApiConflictResponse({ description: 'Live preview needs the index materialized (:index_values)' })
  @ApiNotFoundResponse({ description: 'No such concept or index' })
  @ApiIdParam('index_id', 'Index id')
  async preview(
    @IdParam('c_id') cId: number,
    @IdParam('index_id') id: number,
    @Query() q: PreviewQuery,
  ): Promise<PreviewResponse> {
    return this.assets.preview('index', cId, id, q.limit ?? 50);
  }
}
