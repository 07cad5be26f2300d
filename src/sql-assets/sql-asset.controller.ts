import {
  Body,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Injectable,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  Type,
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
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequireRole, RequireRoleWhen } from '../auth/auth.decorators';
import { CascadeQuery } from '../common/cascade-query';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import { Expensive } from '../common/rate-limit';
import { DependentsResponse } from '../concepts/concepts.dto';
import { MaterializeResponse, PreviewQuery, PreviewResponse } from './sql-assets.dto';
import type { SqlAssetType } from './sql-asset.types';
import { AssetInput, AssetView, SqlAssetsService } from './sql-assets.service';

/** What differs between the index, rule and feature endpoints. */
export interface SqlAssetRoutes {
  type: SqlAssetType;
  /** Path parameter of one asset (`index_id`, `r_id`, `feature_id`). */
  idParam: string;
  /** `an index`, `a rule` ... */
  article: string;
  plural: string;
  /** The output column that holds the entity key (`key_column`, `index_column`). */
  keyField: string;
  create: Type<AssetInput>;
  update: Type<AssetInput>;
  response: Type<unknown>;
  toResponse: (view: AssetView) => unknown;
  deleteDoc: string;
  materializeDoc: string;
}

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same). A changed ' +
  'definition is checked on the connection again and makes the current data stale.';
const BAD_BODY = 'Invalid body, SQL refused, column missing, connection unusable';

/**
 * The routes of one SQL asset type under `concepts/{c_id}/…` (CRUD, materialize, preview),
 * written once: each controller extends `sqlAssetController(routes)` and adds its path.
 */
export function sqlAssetController(r: SqlAssetRoutes) {
  const one = `${r.type[0].toUpperCase()}${r.type.slice(1)} id`;
  const missing = `No such concept or ${r.type}`;
  const saveDoc =
    "The SQL is checked with PostgreSQL's parser (one read-only query) and then on the " +
    `connection with a zero-row run: ${r.keyField} must be an output column. Errors are 400s naming the problem.`;

  @Injectable()
  @ApiIdParam('c_id', 'Concept id')
  class SqlAssetController {
    constructor(readonly assets: SqlAssetsService) {}

    @Get()
    @ApiOperation({ summary: `List the ${r.plural} of a concept (ordered by id; paged)` })
    @ApiPage(r.response)
    async list(
      @IdParam('c_id') cId: number,
      @Query() query: PageQuery,
      @Req() req: Request,
      @Res({ passthrough: true }) res: Response,
    ): Promise<unknown[]> {
      const page = await this.assets.list(r.type, cId, query);
      return sendPage(req, res, { ...page, items: page.items.map(r.toResponse) });
    }

    @Post()
    @ApiOperation({ summary: `Create ${r.article}`, description: saveDoc })
    @ApiCreatedResponse({ type: r.response })
    @ApiBadRequestResponse({ description: BAD_BODY })
    @ApiConflictResponse({ description: 'The name is taken in the concept' })
    @ApiNotFoundResponse({ description: 'No such concept' })
    async create(@IdParam('c_id') cId: number, @Body() body: AssetInput): Promise<unknown> {
      return r.toResponse(await this.assets.create(r.type, cId, body));
    }

    @Get(`:${r.idParam}`)
    @ApiOperation({ summary: `Get ${r.article} with its materialization state` })
    @ApiOkResponse({ type: r.response })
    @ApiNotFoundResponse({ description: missing })
    @ApiIdParam(r.idParam, one)
    async get(@IdParam('c_id') cId: number, @IdParam(r.idParam) id: number): Promise<unknown> {
      return r.toResponse(await this.assets.view(r.type, cId, id));
    }

    @Put(`:${r.idParam}`)
    @ApiOperation({ summary: `Update ${r.article}`, description: UPDATE_DOC })
    @ApiOkResponse({ type: r.response })
    @ApiBadRequestResponse({ description: BAD_BODY })
    @ApiConflictResponse({ description: 'The new name is taken' })
    @ApiNotFoundResponse({ description: missing })
    @ApiIdParam(r.idParam, one)
    async replace(
      @IdParam('c_id') cId: number,
      @IdParam(r.idParam) id: number,
      @Body() body: AssetInput,
    ): Promise<unknown> {
      return r.toResponse(await this.assets.update(r.type, cId, id, body));
    }

    @Patch(`:${r.idParam}`)
    @ApiOperation({ summary: `Update ${r.article} (same as PUT)`, description: UPDATE_DOC })
    @ApiOkResponse({ type: r.response })
    @ApiBadRequestResponse({ description: BAD_BODY })
    @ApiConflictResponse({ description: 'The new name is taken' })
    @ApiNotFoundResponse({ description: missing })
    @ApiIdParam(r.idParam, one)
    async update(
      @IdParam('c_id') cId: number,
      @IdParam(r.idParam) id: number,
      @Body() body: AssetInput,
    ): Promise<unknown> {
      return r.toResponse(await this.assets.update(r.type, cId, id, body));
    }

    @Delete(`:${r.idParam}`)
    @RequireRole('editor')
    @RequireRoleWhen('cascade', 'admin')
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiOperation({ summary: `Delete ${r.article} and its stored data`, description: r.deleteDoc })
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiNotFoundResponse({ description: missing })
    @ApiConflictResponse({ type: DependentsResponse, description: 'It has dependents' })
    @ApiForbiddenResponse({ description: 'cascade needs the admin role' })
    @ApiIdParam(r.idParam, one)
    async remove(
      @IdParam('c_id') cId: number,
      @IdParam(r.idParam) id: number,
      @Query() q: CascadeQuery,
    ): Promise<void> {
      await this.assets.remove(r.type, cId, id, q.cascade ?? false);
    }

    @Post(`:${r.idParam}/materialize`)
    @Expensive()
    @HttpCode(HttpStatus.ACCEPTED)
    @ApiOperation({
      summary: `Materialize ${r.article} (a run)`,
      description:
        'Answers 202 with the run at once. A build already in flight is returned instead of a ' +
        `second one (two clicks, one run). ${r.materializeDoc}Follow it at GET /runs/{run_id}.`,
    })
    @ApiAcceptedResponse({ type: MaterializeResponse })
    @ApiNotFoundResponse({ description: missing })
    @ApiIdParam(r.idParam, one)
    async materialize(
      @IdParam('c_id') cId: number,
      @IdParam(r.idParam) id: number,
    ): Promise<MaterializeResponse> {
      const t = await this.assets.materialize(r.type, cId, id);
      return { run_id: t.run_id, status: t.status };
    }

    @Get(`:${r.idParam}/preview`)
    @ApiOperation({
      summary: `First rows of ${r.article}`,
      description:
        'From its current Parquet when materialized and not stale; otherwise a live LIMITed ' +
        'query on the connection (10 s timeout). With column names and types.',
    })
    @ApiOkResponse({ type: PreviewResponse })
    @ApiBadRequestResponse({ description: 'limit out of range, or the live query failed' })
    @ApiConflictResponse({
      description: 'Live preview needs the index materialized (:index_values)',
    })
    @ApiNotFoundResponse({ description: missing })
    @ApiIdParam(r.idParam, one)
    async preview(
      @IdParam('c_id') cId: number,
      @IdParam(r.idParam) id: number,
      @Query() q: PreviewQuery,
    ): Promise<PreviewResponse> {
      return this.assets.preview(r.type, cId, id, q.limit ?? 50);
    }
  }

  // TypeScript emits `Object` for the body parameters typed through `r`: name the DTOs, so the
  // global ValidationPipe validates them and Swagger documents them
  const body = (method: string, types: unknown[]) =>
    Reflect.defineMetadata('design:paramtypes', types, SqlAssetController.prototype, method);
  body('create', [Number, r.create]);
  body('replace', [Number, Number, r.update]);
  body('update', [Number, Number, r.update]);
  return SqlAssetController;
}
