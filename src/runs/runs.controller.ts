import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiPage, sendPage } from '../common/paging';
import { UuidParam } from '../common/uuid-param';
import {
  CreateDiagnosticRunDto,
  ListRunsQuery,
  RunDetailResponse,
  RunResponse,
  toRunDetailResponse,
  toRunResponse,
} from './runs.dto';
import { DiagnosticsService } from './diagnostics/diagnostics.service';
import { RunsService } from './runs.service';
import { Expensive } from '../common/rate-limit';

const RUN_ID = { name: 'run_id', format: 'uuid', description: 'Run id' } as const;

@ApiTags('runs')
@Controller('runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly diagnostics: DiagnosticsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Runs, newest first (paged: X-Next-Cursor)' })
  @ApiPage(RunResponse)
  @ApiBadRequestResponse({ description: 'Bad filter, limit or cursor' })
  async list(
    @Query() q: ListRunsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunResponse[]> {
    return sendPage(req, res, await this.runs.list(q));
  }

  @Post('diagnostics')
  @Expensive()
  @ApiOperation({
    summary: 'Start a diagnostic run (sleeps, then succeeds or fails): checks a worker fleet',
  })
  @ApiCreatedResponse({ type: RunResponse })
  async diagnostic(@Body() body: CreateDiagnosticRunDto): Promise<RunResponse> {
    return toRunResponse(await this.diagnostics.start(body));
  }

  @Get(':run_id')
  @ApiOperation({ summary: 'A run with its event log' })
  @ApiParam(RUN_ID)
  @ApiOkResponse({ type: RunDetailResponse })
  @ApiNotFoundResponse({ description: 'No such run' })
  async get(@UuidParam('run_id') runId: string): Promise<RunDetailResponse> {
    const { run, events } = await this.runs.get(runId);
    return toRunDetailResponse(run, events);
  }

  @Post(':run_id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel: QUEUED → CANCELED; STARTED → CANCELING → CANCELED once the processor stops',
  })
  @ApiParam(RUN_ID)
  @ApiOkResponse({ type: RunResponse })
  @ApiNotFoundResponse({ description: 'No such run' })
  @ApiConflictResponse({ description: 'The run has already ended' })
  async cancel(@UuidParam('run_id') runId: string): Promise<RunResponse> {
    return toRunResponse(await this.runs.cancel(runId));
  }
}

/** The Python original's status endpoint, kept for old clients: same answer as /runs/{id}. */
@ApiTags('runs')
@Controller('dagster/runs')
export class DagsterRunsController {
  constructor(private readonly runs: RunsService) {}

  @Get(':run_id')
  @ApiOperation({ summary: 'Alias of GET /runs/{run_id} (old clients)' })
  @ApiParam(RUN_ID)
  @ApiOkResponse({ type: RunDetailResponse })
  async get(@UuidParam('run_id') runId: string): Promise<RunDetailResponse> {
    const { run, events } = await this.runs.get(runId);
    return toRunDetailResponse(run, events);
  }
}
