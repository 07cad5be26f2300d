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
  ApiPropertyOptional,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireRole } from '../auth/auth.decorators';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import { toStrictInteger } from '../common/query-int';
import { LF_TYPES, LfType } from './labeling-function.entity';
import {
  CreateLabelingFunctionDto,
  LabelingFunctionResponse,
  LfTemplateResponse,
  LfTestResponse,
  TestLabelingFunctionDto,
  toLfResponse,
  UpdateLabelingFunctionDto,
} from './labeling-functions.dto';
import { LabelingFunctionsService } from './labeling-functions.service';

export class LfListQuery extends PageQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'Only the LFs of this rule' })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsInt({ message: 'rule_id must be an integer id' })
  @Min(1, { message: 'rule_id must be a positive id' })
  @Max(2_147_483_647, { message: 'rule_id must be a 32-bit id' })
  rule_id?: number;
}

export class LfTemplateQuery {
  @ApiProperty({ enum: LF_TYPES })
  @IsIn(LF_TYPES, { message: `lf_type must be one of ${LF_TYPES.join(', ')}` })
  lf_type: LfType;

  @ApiProperty({ type: 'integer', description: 'The rule whose columns the template uses' })
  @Transform(toStrictInteger)
  @IsInt({ message: 'rule_id must be an integer id' })
  @Min(1, { message: 'rule_id must be a positive id' })
  @Max(2_147_483_647, { message: 'rule_id must be a 32-bit id' })
  rule_id: number;
}

const UPDATE_DOC =
  'Partial update in place: omitted fields keep their value (PUT and PATCH behave the same). ' +
  'A changed definition (rule, values, type, config) is checked again and needs approval again.';

@ApiTags('labeling functions')
@Controller('concepts/:c_id/labeling-functions')
@ApiIdParam('c_id', 'Concept id')
export class LabelingFunctionsController {
  constructor(private readonly lfs: LabelingFunctionsService) {}

  @Get()
  @ApiOperation({ summary: 'List the labeling functions of a concept (by lf_id; paged)' })
  @ApiPage(LabelingFunctionResponse)
  @ApiNotFoundResponse({ description: 'No such concept' })
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: LfListQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LabelingFunctionResponse[]> {
    const page = await this.lfs.list(cId, query);
    return sendPage(req, res, { ...page, items: page.items.map(toLfResponse) });
  }

  @Post()
  @ApiOperation({
    summary: 'Create a labeling function',
    description:
      "Checked when saved: the rule must be the concept's, the values the concept's; conditions " +
      "are typed against the rule's columns, SQL compiled in a DuckDB sandbox, code set up in " +
      'its JavaScript sandbox. 400 names the problem.',
  })
  @ApiCreatedResponse({ type: LabelingFunctionResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, rule, values or config' })
  @ApiConflictResponse({ description: 'The concept has an LF of that name' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async create(
    @IdParam('c_id') cId: number,
    @Body() body: CreateLabelingFunctionDto,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.create(cId, body));
  }

  @Get('template')
  @ApiOperation({
    summary: 'A starting lf_config for a type and a rule',
    description: "With the rule's columns and the constants a code LF sees.",
  })
  @ApiOkResponse({ type: LfTemplateResponse })
  @ApiBadRequestResponse({ description: 'Unknown type, or a rule outside the concept' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async template(
    @IdParam('c_id') cId: number,
    @Query() query: LfTemplateQuery,
  ): Promise<LfTemplateResponse> {
    return this.lfs.template(cId, query.lf_type, query.rule_id);
  }

  @Get(':lf_id')
  @ApiOperation({ summary: 'Get a labeling function' })
  @ApiOkResponse({ type: LabelingFunctionResponse })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async get(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.get(cId, lfId));
  }

  @Put(':lf_id')
  @ApiOperation({ summary: 'Update a labeling function', description: UPDATE_DOC })
  @ApiOkResponse({ type: LabelingFunctionResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, rule, values or config' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async replace(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
    @Body() body: UpdateLabelingFunctionDto,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.update(cId, lfId, body));
  }

  @Patch(':lf_id')
  @ApiOperation({ summary: 'Update a labeling function (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: LabelingFunctionResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, rule, values or config' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async update(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
    @Body() body: UpdateLabelingFunctionDto,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.update(cId, lfId, body));
  }

  @Delete(':lf_id')
  @RequireRole('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a labeling function (its later versions stay)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async remove(@IdParam('c_id') cId: number, @IdParam('lf_id') lfId: number): Promise<void> {
    await this.lfs.remove(cId, lfId);
  }

  @Post(':lf_id/versions')
  @ApiOperation({
    summary: 'Make a new version',
    description:
      'A copy with the changes in the body, the next version number of its name and ' +
      '`parent_lf_id` set; the version it came from is deactivated.',
  })
  @ApiCreatedResponse({ type: LabelingFunctionResponse })
  @ApiBadRequestResponse({ description: 'Invalid body, rule, values or config' })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async version(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
    @Body() body: UpdateLabelingFunctionDto,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.createVersion(cId, lfId, body));
  }

  @Post(':lf_id/approve')
  @RequireRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve a labeling function (admin)' })
  @ApiOkResponse({ type: LabelingFunctionResponse })
  @ApiForbiddenResponse({ description: 'Needs the admin role' })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async approve(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
    @Req() req: AuthenticatedRequest,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.approve(cId, lfId, req.apiKey?.name ?? null));
  }

  @Post(':lf_id/activate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Use it in Snorkel jobs' })
  @ApiOkResponse({ type: LabelingFunctionResponse })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async activate(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.setActive(cId, lfId, true));
  }

  @Post(':lf_id/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Leave it out of Snorkel jobs' })
  @ApiOkResponse({ type: LabelingFunctionResponse })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async deactivate(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
  ): Promise<LabelingFunctionResponse> {
    return toLfResponse(await this.lfs.setActive(cId, lfId, false));
  }

  @Post(':lf_id/test')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Run it on the first rows of its rule's materialization",
    description: 'Votes per row, counts per class, and the rows where it failed.',
  })
  @ApiOkResponse({ type: LfTestResponse })
  @ApiBadRequestResponse({ description: 'Invalid limit, or the LF no longer fits its rule' })
  @ApiConflictResponse({ description: 'The rule is not materialized' })
  @ApiNotFoundResponse({ description: 'No such concept or LF' })
  @ApiIdParam('lf_id', 'Labeling function id')
  async test(
    @IdParam('c_id') cId: number,
    @IdParam('lf_id') lfId: number,
    @Body() body: TestLabelingFunctionDto,
  ): Promise<LfTestResponse> {
    return this.lfs.test(cId, lfId, body.limit ?? 100);
  }
}
