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
  retry(@IdParam('dataset_id') id: number): Promise<{ reset: number }> {
    return this.datasets.retry(id);
  }

  @Get(':dataset_id/results')
  @ApiOperation({
    summary: 'Progress of a space’s subtree, or its rows once complete (JSON, CSV or Parquet)',
  })
  @ApiIdParam('dataset_id', 'Dataset id')
  @ApiProduces('application/json', 'text/csv', 'application/vnd.apache.parquet')
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
