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
import {
  ConceptResponse,
  CreateConceptDto,
  DependentsResponse,
  toConceptResponse,
  UpdateConceptDto,
} from './concepts.dto';
import { ConceptsService } from './concepts.service';

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same).';

@ApiTags('concepts')
@Controller('concepts')
export class ConceptsController {
  constructor(private readonly concepts: ConceptsService) {}

  @Get()
  @ApiOperation({ summary: 'List concepts (ordered by c_id; paged)' })
  @ApiPage(ConceptResponse)
  async list(
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConceptResponse[]> {
    const page = await this.concepts.list(query);
    return sendPage(req, res, { ...page, items: page.items.map(toConceptResponse) });
  }

  @Post()
  @ApiOperation({ summary: 'Create a concept' })
  @ApiCreatedResponse({ type: ConceptResponse })
  @ApiBadRequestResponse({ description: 'Invalid body (the message names the field)' })
  @ApiConflictResponse({ description: 'The name is taken' })
  async create(@Body() body: CreateConceptDto): Promise<ConceptResponse> {
    return toConceptResponse(await this.concepts.create(body));
  }

  @Get(':c_id')
  @ApiOperation({ summary: 'Get a concept' })
  @ApiOkResponse({ type: ConceptResponse })
  @ApiNotFoundResponse({ description: 'No such concept' })
  @ApiIdParam('c_id', 'Concept id')
  async get(@IdParam('c_id') cId: number): Promise<ConceptResponse> {
    return toConceptResponse(await this.concepts.get(cId));
  }

  @Put(':c_id')
  @ApiOperation({ summary: 'Update a concept', description: UPDATE_DOC })
  @ApiOkResponse({ type: ConceptResponse })
  @ApiNotFoundResponse({ description: 'No such concept' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiIdParam('c_id', 'Concept id')
  async replace(
    @IdParam('c_id') cId: number,
    @Body() body: UpdateConceptDto,
  ): Promise<ConceptResponse> {
    return toConceptResponse(await this.concepts.update(cId, body));
  }

  @Patch(':c_id')
  @ApiOperation({ summary: 'Update a concept (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: ConceptResponse })
  @ApiNotFoundResponse({ description: 'No such concept' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiIdParam('c_id', 'Concept id')
  async update(
    @IdParam('c_id') cId: number,
    @Body() body: UpdateConceptDto,
  ): Promise<ConceptResponse> {
    return toConceptResponse(await this.concepts.update(cId, body));
  }

  @Delete(':c_id')
  @RequireRole('editor')
  @RequireRoleWhen('cascade', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a concept and its values',
    description:
      'A concept with assets (indexes, rules, features ...) is a 409 listing them; ' +
      '`?cascade=true` (admin) deletes them and their stored objects too.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  @ApiConflictResponse({ type: DependentsResponse, description: 'It has dependents' })
  @ApiForbiddenResponse({ description: 'cascade needs the admin role' })
  @ApiIdParam('c_id', 'Concept id')
  async remove(@IdParam('c_id') cId: number, @Query() q: CascadeQuery): Promise<void> {
    await this.concepts.remove(cId, q.cascade ?? false);
  }
}
