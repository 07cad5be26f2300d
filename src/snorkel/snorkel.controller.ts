import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import {
  CreateSnorkelJobDto,
  normalizeJobRequest,
  SnorkelJobResponse,
  SnorkelResultsQuery,
  SnorkelResultsResponse,
} from './snorkel.dto';
import { SnorkelService } from './snorkel.service';

export class PredictionsFileQuery {
  @ApiPropertyOptional({ enum: ['parquet', 'csv'], default: 'parquet' })
  @IsOptional()
  @IsIn(['parquet', 'csv'], { message: 'format must be parquet or csv' })
  format?: 'parquet' | 'csv';
}

@ApiTags('snorkel')
@Controller('concepts/:c_id/snorkel')
@ApiIdParam('c_id', 'Concept id')
export class SnorkelController {
  constructor(private readonly snorkel: SnorkelService) {}

  @Post('run')
  @ApiOperation({
    summary: 'Train the label model on LF votes over an index (a run of kind snorkel)',
    description:
      'Checked first (400 names the problem: LFs not usable, fewer than 3, rules of another ' +
      'index, a class balance that is not a distribution ...). Missing materializations of the ' +
      'index and rules are built first. `draft: true` saves it without running. The Python ' +
      "original's shape `{selectedIndex, selectedRules, selectedLFs, snorkel: {epochs, lr, " +
      'sample_size, output_type}}` is accepted too (legacy; sample_size is ignored).',
  })
  @ApiCreatedResponse({ type: SnorkelJobResponse })
  @ApiBadRequestResponse({ description: 'A job that cannot run' })
  @ApiNotFoundResponse({ description: 'No such concept' })
  async run(
    @IdParam('c_id') cId: number,
    @Body() body: CreateSnorkelJobDto,
  ): Promise<SnorkelJobResponse> {
    return this.snorkel.create(cId, normalizeJobRequest(body));
  }

  @Get('jobs')
  @ApiOperation({ summary: 'List Snorkel jobs (by job_id; paged)' })
  @ApiPage(SnorkelJobResponse)
  @ApiNotFoundResponse({ description: 'No such concept' })
  async list(
    @IdParam('c_id') cId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SnorkelJobResponse[]> {
    return sendPage(req, res, await this.snorkel.list(cId, query));
  }

  @Get('jobs/:job_id')
  @ApiOperation({ summary: 'Get a job and its status' })
  @ApiOkResponse({ type: SnorkelJobResponse })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async get(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
  ): Promise<SnorkelJobResponse> {
    return this.snorkel.view(cId, jobId);
  }

  @Get('jobs/:job_id/results')
  @ApiOperation({
    summary: 'Results of a finished job',
    description:
      'LF summary, class distribution, coverage, class balance, gold scores; with `include_predictions=true` a page of predictions.',
  })
  @ApiOkResponse({ type: SnorkelResultsResponse })
  @ApiConflictResponse({ description: 'The job has not succeeded' })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async results(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
    @Query() query: SnorkelResultsQuery,
  ): Promise<SnorkelResultsResponse> {
    const include = query.include_predictions === 'true' || query.include_predictions === '1';
    return this.snorkel.results(
      cId,
      jobId,
      include ? { limit: query.limit ?? 100, offset: query.offset ?? 0 } : null,
    );
  }

  @Get('jobs/:job_id/predictions')
  @ApiOperation({
    summary: 'All predictions of a finished job as a file',
    description:
      'format=parquet (default): the stored Parquet; format=csv: the same rows as CSV with a header.',
  })
  @ApiProduces('application/vnd.apache.parquet', 'text/csv')
  @ApiOkResponse({ description: 'The file' })
  @ApiBadRequestResponse({ description: 'Unknown format' })
  @ApiConflictResponse({ description: 'The job has not succeeded' })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async predictions(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
    @Query() query: PredictionsFileQuery,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.snorkel.download(cId, jobId, query.format ?? 'parquet', res);
    } catch (e) {
      // once the file has started, an error can only cut it short
      if (!res.headersSent) throw e;
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  }

  @Post('jobs/:job_id/execute')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run a draft, or run a finished job again' })
  @ApiOkResponse({ type: SnorkelJobResponse })
  @ApiBadRequestResponse({ description: 'It can no longer run (an LF was deactivated ...)' })
  @ApiConflictResponse({ description: 'It is running' })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async execute(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
  ): Promise<SnorkelJobResponse> {
    return this.snorkel.execute(cId, jobId);
  }

  @Post('jobs/:job_id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a running job' })
  @ApiOkResponse({ type: SnorkelJobResponse })
  @ApiConflictResponse({ description: 'A draft, or it has ended' })
  @ApiNotFoundResponse({ description: 'No such concept or job' })
  @ApiIdParam('job_id', 'Job id')
  async cancel(
    @IdParam('c_id') cId: number,
    @IdParam('job_id') jobId: number,
  ): Promise<SnorkelJobResponse> {
    return this.snorkel.cancel(cId, jobId);
  }
}
