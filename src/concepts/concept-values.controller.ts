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
import { ConceptValuesService } from './concept-values.service';
import {
  CreateValueDto,
  DependentsResponse,
  toValueResponse,
  UpdateValueDto,
  ValueResponse,
  ValueTreeNode,
} from './concepts.dto';

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same). ' +
  'Moving a value (parent_cv_id) moves its subtree; a value cannot go under itself.';

@ApiTags('concept values')
@Controller('concepts/:c_id/values')
@ApiIdParam('c_id', 'Concept id')
export class ConceptValuesController {
  constructor(private readonly values: ConceptValuesService) {}

  @Get()
  @ApiOperation({ summary: 'List the values of a concept (ordered by cv_id; paged)' })
  @ApiPage(ValueResponse)
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ValueResponse[]> {
    const page = await this.values.list(cId, query);
    return sendPage(req, res, { ...page, items: page.items.map(toValueResponse) });
  }

  @Get('tree')
  @ApiOperation({
    summary: 'The values as a tree',
    description: 'Top-level values with their children, each level by display_order then name.',
  })
  @ApiOkResponse({ type: ValueTreeNode, isArray: true })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async tree(@IdParam('c_id') cId: number): Promise<ValueTreeNode[]> {
    return this.values.tree(cId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a value' })
  @ApiCreatedResponse({ type: ValueResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, or a parent outside the concept' })
  @ApiConflictResponse({ description: 'The concept has a value of that name' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async create(@IdParam('c_id') cId: number, @Body() body: CreateValueDto): Promise<ValueResponse> {
    return toValueResponse(await this.values.create(cId, body));
  }

  @Get(':cv_id')
  @ApiOperation({ summary: 'Get a value' })
  @ApiOkResponse({ type: ValueResponse })
  @ApiNotFoundResponse({ description: 'No such concept or value' })
  @ApiIdParam('cv_id', 'Value id')
  async get(@IdParam('c_id') cId: number, @IdParam('cv_id') cvId: number): Promise<ValueResponse> {
    return toValueResponse(await this.values.get(cId, cvId));
  }

  @Put(':cv_id')
  @ApiOperation({ summary: 'Update a value', description: UPDATE_DOC })
  @ApiOkResponse({ type: ValueResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, a cycle, or a parent outside the concept' })
  @ApiConflictResponse({ description: 'The new name is taken in the concept' })
  @ApiNotFoundResponse({ description: 'No such concept or value' })
  @ApiIdParam('cv_id', 'Value id')
  async replace(
    @IdParam('c_id') cId: number,
    @IdParam('cv_id') cvId: number,
    @Body() body: UpdateValueDto,
  ): Promise<ValueResponse> {
    return toValueResponse(await this.values.update(cId, cvId, body));
  }

  @Patch(':cv_id')
  @ApiOperation({ summary: 'Update a value (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: ValueResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, a cycle, or a parent outside the concept' })
  @ApiConflictResponse({ description: 'The new name is taken in the concept' })
  @ApiNotFoundResponse({ description: 'No such concept or value' })
  @ApiIdParam('cv_id', 'Value id')
  async update(
    @IdParam('c_id') cId: number,
    @IdParam('cv_id') cvId: number,
    @Body() body: UpdateValueDto,
  ): Promise<ValueResponse> {
    return toValueResponse(await this.values.update(cId, cvId, body));
  }

  @Delete(':cv_id')
  @RequireRole('editor')
  @RequireRoleWhen('cascade', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a value',
    description:
      'A value with child values (or, later, labeling functions using it) is a 409 listing ' +
      'them; `?cascade=true` (admin) deletes them too.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such concept or value' })
  @ApiConflictResponse({ type: DependentsResponse, description: 'It has dependents' })
  @ApiForbiddenResponse({ description: 'cascade needs the admin role' })
  @ApiIdParam('cv_id', 'Value id')
  async remove(
    @IdParam('c_id') cId: number,
    @IdParam('cv_id') cvId: number,
    @Query() q: CascadeQuery,
  ): Promise<void> {
    await this.values.remove(cId, cvId, q.cascade ?? false);
  }
}
