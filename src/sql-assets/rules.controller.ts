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
  RuleResponse,
  PreviewQuery,
  PreviewResponse,
  UpdateKeyedAssetDto,
} from './sql-assets.dto';
import { toRuleResponse } from './sql-assets.responses';
import { SqlAssetsService } from './sql-assets.service';

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed ' +
  'definition is checked on the connection again and makes the current data stale.';
const SAVE_DOC =
  "The SQL is checked with PostgreSQL's parser (one read-only query) and then on the " +
  'connection with a zero-row run: index_column must be an output column. Errors are 400s naming the problem.';

@ApiTags('rules')
@Controller('concepts/:c_id/rules')
@ApiIdParam('c_id', 'Concept id')
export class RulesController {
  constructor(private readonly assets: SqlAssetsService) {}

  @Get()
  @ApiOperation({ summary: 'List the rules of a concept (ordered by id; paged)' })
  @ApiPage(RuleResponse)
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RuleResponse[]> {
    const page = await this.assets.list('rule', cId, query);
    return sendPage(req, res, { ...page, items: page.items.map(toRuleResponse) });
  }

  @Post()
  @ApiOperation({ summary: 'Create a rule', description: SAVE_DOC })
  @ApiCreatedResponse({ type: RuleResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The name is taken in the concept' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async create(
    @IdParam('c_id') cId: number,
    @Body() body: CreateKeyedAssetDto,
  ): Promise<RuleResponse> {
    return toRuleResponse(await this.assets.create('rule', cId, body));
  }

  @Get(':r_id')
  @ApiOperation({ summary: 'Get a rule with its materialization state' })
  @ApiOkResponse({ type: RuleResponse })
  @ApiNotFoundResponse({ description: 'No such concept or rule' })
  @ApiIdParam('r_id', 'Rule id')
  async get(@IdParam('c_id') cId: number, @IdParam('r_id') id: number): Promise<RuleResponse> {
    return toRuleResponse(await this.assets.view('rule', cId, id));
  }

  @Put(':r_id')
  @ApiOperation({ summary: 'Update a rule', description: UPDATE_DOC })
  @ApiOkResponse({ type: RuleResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or rule' })
  @ApiIdParam('r_id', 'Rule id')
  async replace(
    @IdParam('c_id') cId: number,
    @IdParam('r_id') id: number,
    @Body() body: UpdateKeyedAssetDto,
  ): Promise<RuleResponse> {
    return toRuleResponse(await this.assets.update('rule', cId, id, body));
  }

  @Patch(':r_id')
  @ApiOperation({ summary: 'Update a rule (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: RuleResponse })
  @ApiBadRequestResponse({
    description: 'Invalid body, SQL refused, column missing, connection unusable',
  })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or rule' })
  @ApiIdParam('r_id', 'Rule id')
  async update(
    @IdParam('c_id') cId: number,
    @IdParam('r_id') id: number,
    @Body() body: UpdateKeyedAssetDto,
  ): Promise<RuleResponse> {
    return toRuleResponse(await this.assets.update('rule', cId, id, body));
  }

  @Delete(':r_id')
  @RequireRole('editor')
  @RequireRoleWhen('cascade', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a rule and its stored data',
    description: 'Its materializations and their objects go with it.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such concept or rule' })
  @ApiConflictResponse({ type: DependentsResponse, description: 'It has dependents' })
  @ApiForbiddenResponse({ description: 'cascade needs the admin role' })
  @ApiIdParam('r_id', 'Rule id')
  async remove(
    @IdParam('c_id') cId: number,
    @IdParam('r_id') id: number,
    @Query() q: CascadeQuery,
  ): Promise<void> {
    await this.assets.remove('rule', cId, id, q.cascade ?? false);
  }

  @Post(':r_id/materialize')
  @Expensive()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Materialize a rule (a run)',
    description:
      'Answers 202 with the run at once. A build already in flight is returned instead of a ' +
      'second one (two clicks, one run). If its index was never materialized, that build is requested too and this one waits for it. Follow it at GET /runs/{run_id}.',
  })
  @ApiAcceptedResponse({ type: MaterializeResponse })
  @ApiNotFoundResponse({ description: 'No such concept or rule' })
  @ApiIdParam('r_id', 'Rule id')
  async materialize(
    @IdParam('c_id') cId: number,
    @IdParam('r_id') id: number,
  ): Promise<MaterializeResponse> {
    const t = await this.assets.materialize('rule', cId, id);
    return { run_id: t.run_id, status: t.status };
  }

  @Get(':r_id/preview')
  @ApiOperation({
    summary: 'First rows of a rule',
    description:
      'From its current Parquet when materialized and not stale; otherwise a live LIMITed ' +
      'query on the connection (10 s timeout). With column names and types.',
  })
  @ApiOkResponse({ type: PreviewResponse })
  @ApiBadRequestResponse({ description: 'limit out of range, or the live query failed' })
  @ApiConflictResponse({ description: 'Live preview needs the index materialized (:index_values)' })
  @ApiNotFoundResponse({ description: 'No such concept or rule' })
  @ApiIdParam('r_id', 'Rule id')
  async preview(
    @IdParam('c_id') cId: number,
    @IdParam('r_id') id: number,
    @Query() q: PreviewQuery,
  ): Promise<PreviewResponse> {
    return this.assets.preview('rule', cId, id, q.limit ?? 50);
  }
}
