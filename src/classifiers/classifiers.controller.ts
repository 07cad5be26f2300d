import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import {
  ClassifierJobResponse,
  ClassifierResultsResponse,
  CreateClassifierJobDto,
} from './classifiers.dto';
import { ClassifiersService } from './classifiers.service';

@ApiTags('classifiers')
@Controller('concepts/:c_id/classifiers')
@ApiIdParam('c_id', 'Concept id')
export class ClassifiersController {
  constructor(private readonly classifiers: ClassifiersService) {}

  @Post('run')
  @ApiOperation({
    summary: "Train classifiers on a Snorkel job's labels and features (a run of kind classifier)",
    description:
      'Entities are joined with the features by key; labels below the confidence threshold, ' +
      'classes with fewer than min_labels_per_class labels (a warning) and the excess of the ' +
      'majority class are dropped; a stratified split seeded by random_state; every family in ' +
      'config.models is trained and scored on the held-out part; the best by ' +
      'config.selection_metric becomes a new version of the model config.model_name.',
  })
  @ApiCreatedResponse({ type: ClassifierJobResponse })
  @ApiBadRequestResponse({
    description: 'An unknown or unfinished Snorkel job, an unknown feature, a bad config',
  })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async run(
    @IdParam('c_id') cId: number,
    @Body() body: CreateClassifierJobDto,
  ): Promise<ClassifierJobResponse> {
    return this.classifiers.create(cId, body);
  }

  @Get('jobs')
  @ApiOperation({ summary: 'List classifier jobs (by job_id; paged)' })
  @ApiPage(ClassifierJobResponse)
  @ApiNotFoundResponse({ description: 'No such concept' })
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClassifierJobResponse[]> {
    return sendPage(req, res, await this.classifiers.list(cId, query));
  }

  @Get('jobs/:job_id')
  @ApiOperation({ summary: 'Get a classifier job and its status' })
  @ApiOkResponse({ type: ClassifierJobResponse })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async get(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
  ): Promise<ClassifierJobResponse> {
    return this.classifiers.view(cId, jobId);
  }

  @Get('jobs/:job_id/results')
  @ApiOperation({
    summary: 'Results of a finished classifier job',
    description:
      'Per family: accuracy, balanced accuracy, weighted F1, per-class precision/recall, the ' +
      'confusion matrix (rows: true class) on the held-out split, training time, and accuracy ' +
      'against gold labels when the Snorkel job had them; the rows used and dropped; the best.',
  })
  @ApiOkResponse({ type: ClassifierResultsResponse })
  @ApiConflictResponse({ description: 'The job has not succeeded' })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async results(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
  ): Promise<ClassifierResultsResponse> {
    return this.classifiers.results(cId, jobId);
  }
}
