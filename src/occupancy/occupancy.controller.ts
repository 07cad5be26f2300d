import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Logger,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, sendPage } from '../common/paging';
import { writeBody } from '../common/write-body';
import { DatasetsService } from './datasets.service';
import {
  CreateDatasetDto,
  DatasetResponse,
  ListDatasetsQuery,
  ResultsQuery,
} from './occupancy.dto';
import { ResultsService } from './results.service';
import { Expensive } from '../common/rate-limit';

@ApiTags('occupancy')
@Controller('occupancy/datasets')
export class OccupancyController {
  private readonly logger = new Logger('OccupancyResults');

  constructor(
    private readonly datasets: DatasetsService,
    private readonly results: ResultsService,
  ) {}

  @Post()
  @Expensive()
  @ApiOperation({
    summary: 'Create a dataset: plans its chunks and returns at once; sensors and runs compute',
  })
  @ApiCreatedResponse({ type: DatasetResponse })
  @ApiBadRequestResponse({
    description:
      'Bad range, interval, chunk_days or aggregation; too many bins or chunks (says which knob to turn)',
  })
  @ApiNotFoundResponse({ description: 'Unknown root space' })
  create(@Body() body: CreateDatasetDto): Promise<DatasetResponse> {
    return this.datasets.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Datasets, newest first (filter by root space_id, status; paged)' })
  @ApiPage(DatasetResponse)
  async list(
    @Query() q: ListDatasetsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DatasetResponse[]> {
    return sendPage(req, res, await this.datasets.list(q));
  }

  @Get(':dataset_id')
  @ApiIdParam('dataset_id', 'Dataset id')
  @ApiOkResponse({ type: DatasetResponse })
  get(@IdParam('dataset_id') id: number): Promise<DatasetResponse> {
    return this.datasets.get(id);
  }

  @Delete(':dataset_id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete the dataset record, and cancel its pending work no other dataset needs (computed chunks stay, for reuse)',
  })
  @ApiIdParam('dataset_id', 'Dataset id')
  @ApiNoContentResponse()
  async remove(@IdParam('dataset_id') id: number): Promise<void> {
    await this.datasets.remove(id);
  }

  @Post(':dataset_id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-plan the dataset’s FAILED chunks: {reset: n}' })
  @ApiIdParam('dataset_id', 'Dataset id')
  @ApiOkResponse({
    schema: { type: 'object', properties: { reset: { type: 'integer' } }, example: { reset: 2 } },
  })
  retry(@IdParam('dataset_id') id: number): Promise<{ reset: number }> {
    return this.datasets.retry(id);
  }

  @Get(':dataset_id/results')
  @ApiOperation({
    summary: 'Progress of a space’s subtree, or its rows once complete (JSON, CSV or Parquet)',
  })
  @ApiIdParam('dataset_id', 'Dataset id')
  @ApiProduces('application/json', 'text/csv', 'application/vnd.apache.parquet')
  @ApiOkResponse({
    description:
      'JSON: the rows once every chunk of the space is COMPLETED, else its progress (RUNNING) or ' +
      'its failure (FAILED); CSV and Parquet: the rows (interval_begin_time, number_connections)',
    schema: {
      oneOf: [
        {
          type: 'object',
          title: 'completed',
          properties: {
            dataset_id: { type: 'integer' },
            space_id: { type: 'integer' },
            status: { type: 'string', enum: ['COMPLETED'] },
            interval_seconds: { type: 'integer' },
            row_count: { type: 'integer' },
            rows: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  interval_begin_time: { type: 'string', format: 'date-time' },
                  number_connections: { type: 'integer' },
                },
              },
            },
          },
          example: {
            dataset_id: 1,
            space_id: 2,
            status: 'COMPLETED',
            interval_seconds: 3600,
            row_count: 1,
            rows: [{ interval_begin_time: '2026-03-02T09:00:00Z', number_connections: 42 }],
          },
        },
        {
          type: 'object',
          title: 'running',
          properties: {
            status: { type: 'string', enum: ['RUNNING'] },
            completed_chunks: { type: 'integer' },
            total_chunks: { type: 'integer' },
          },
          example: { status: 'RUNNING', completed_chunks: 3, total_chunks: 12 },
        },
        {
          type: 'object',
          title: 'failed',
          properties: {
            status: { type: 'string', enum: ['FAILED'] },
            error: { type: 'string' },
            failed_chunks: { type: 'integer' },
          },
          example: { status: 'FAILED', error: 'statement timeout', failed_chunks: 1 },
        },
      ],
    },
  })
  async getResults(
    @IdParam('dataset_id') id: number,
    @Query() q: ResultsQuery,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.results.answer(id, q);
    if (answer.kind === 'status') {
      res.json(answer.body);
      return;
    }
    res.status(200).type(answer.contentType);
    if (answer.filename) res.attachment(answer.filename);
    try {
      // a client that goes away ends the stream, and the work behind it
      await writeBody(res, answer.body);
    } catch (e) {
      this.logger.warn(`results of dataset ${id} failed mid-stream: ${String(e)}`);
      res.destroy();
    }
  }
}
