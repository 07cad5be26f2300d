import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { HealthCheckEntry, HealthResponse, toHealthResponse } from './health.dto';
import { DatabaseHealth } from './database.health';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@ApiExtraModels(HealthCheckEntry)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly databases: DatabaseHealth,
  ) {}

  @Get()
  @ApiOkResponse({ type: HealthResponse, description: 'Every dependency answers' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'A named check failed' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const result = await this.health
      .check([() => this.databases.appDatabase(), () => this.databases.tippersDatabase()])
      .catch((e: { response?: HealthCheckResult }) => e.response);
    const body = toHealthResponse(result);
    if (body.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
