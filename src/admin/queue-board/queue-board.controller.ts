import { Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { keyFromHeaders } from '../../../libs/api-keys';
import { RUN_GROUPS } from '../../../libs/runs-core';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { RequireRole } from '../../auth/auth.decorators';
import { APP_CONFIG } from '../../config/app-config.provider';
import { queueName } from '../../infra/run-queue/bullmq-run-queue';
import {
  QUEUE_BOARD_COOKIE,
  QUEUE_BOARD_COOKIE_MAX_AGE_MS,
  QUEUE_BOARD_PATH,
} from './queue-board.access';
import { QueueBoardResponse } from './queue-board.dto';

/** Whether the queue view exists, and the session cookie a browser tab needs to open it. */
@ApiTags('runs')
@ApiUnauthorizedResponse({ description: 'No key, or not a valid one (when keys are required)' })
@ApiForbiddenResponse({ description: 'The key’s role does not cover this operation' })
@Controller('queue-board')
export class QueueBoardController {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  @Get()
  @ApiOperation({
    summary: 'The queue view (Bull Board): whether this server has one, where, and who may open it',
  })
  @ApiOkResponse({ type: QueueBoardResponse })
  info(): QueueBoardResponse {
    const available = this.config.runs.queueDriver === 'bullmq';
    return {
      available,
      url: available ? `${QUEUE_BOARD_PATH}/` : null,
      queues: available ? RUN_GROUPS.map(queueName) : [],
      requires: this.config.auth.required ? 'an admin API key' : 'nothing (keys are not required)',
      reason: available
        ? null
        : 'runs are queued in this process (REDIS_URL is not set), so there is no queue to show',
    };
  }

  @Post('session')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Let this browser open the queue view (admin)',
    description:
      'A browser tab cannot send the Authorization header, so this sets the caller’s key in an ' +
      'HttpOnly, SameSite=Strict cookie scoped to the queue view’s path for 8 hours. Nothing ' +
      'is set when keys are not required.',
  })
  @ApiNoContentResponse()
  openSession(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const key = keyFromHeaders(req.headers.authorization, req.headers['x-api-key']);
    if (!this.config.auth.required || !key) return;
    res.cookie(QUEUE_BOARD_COOKIE, key, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: QUEUE_BOARD_PATH,
      maxAge: QUEUE_BOARD_COOKIE_MAX_AGE_MS,
    });
  }

  @Delete('session')
  @HttpCode(204)
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Forget this browser’s queue view cookie' })
  @ApiNoContentResponse()
  closeSession(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(QUEUE_BOARD_COOKIE, { path: QUEUE_BOARD_PATH });
  }
}
