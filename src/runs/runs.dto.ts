import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { RUN_GROUPS, RUN_STATUSES, RunStatus } from '../../libs/runs-core';
import { PageQuery } from '../common/paging';
import { KIND_NAME } from './run-kind';
import type { Run, RunEvent } from './run.types';

export class ListRunsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES, { message: `status must be one of: ${RUN_STATUSES.join(', ')}` })
  status?: RunStatus;

  @ApiPropertyOptional({ example: 'diagnostic' })
  @IsOptional()
  @IsString()
  @Matches(KIND_NAME, {
    message: 'kind must be a run kind: 1-64 lower-case letters, digits or _, from a letter',
  })
  kind?: string;
}

export class CreateDiagnosticRunDto {
  @ApiProperty({ minimum: 0, maximum: 3600, example: 5, description: 'How long the run sleeps' })
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'seconds must be a number between 0 and 3600' },
  )
  @Min(0, { message: 'seconds must be a number between 0 and 3600' })
  @Max(3600, { message: 'seconds must be a number between 0 and 3600' })
  seconds: number;

  @ApiPropertyOptional({ description: 'Fail every attempt after sleeping', default: false })
  @IsOptional()
  @IsBoolean()
  fail?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Fail while attempt ≤ this' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  fail_attempts?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  max_attempts?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 86400,
    description: 'Abort an attempt after this long',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86400)
  timeout_seconds?: number;

  @ApiPropertyOptional({ description: 'Idempotency key: the same key returns the same run' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  @Matches(/^[\x20-\x7e]+$/, { message: 'run_key must be printable ASCII' })
  run_key?: string;
}

export class RunResponse {
  @ApiProperty({ format: 'uuid' }) run_id: string;
  @ApiProperty({ example: 'diagnostic' }) kind: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ nullable: true, type: String }) run_key: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty({ enum: RUN_GROUPS, description: 'The kind’s group (its concurrency cap)' })
  run_group: string;
  @ApiProperty({ description: '0 = interactive (served first)' }) priority: number;
  @ApiProperty({ description: 'Attempts started so far' }) attempt: number;
  @ApiProperty() max_attempts: number;
  @ApiProperty({ nullable: true, type: Number }) timeout_seconds: number | null;
  @ApiProperty({ format: 'date-time' }) queued_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) not_before: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) started_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) ended_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) heartbeat_at: string | null;
  @ApiProperty({ nullable: true, type: String }) worker_id: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
}

export class RunEventResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: ['debug', 'info', 'warn', 'error'] }) level: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) data: Record<
    string,
    unknown
  > | null;
}

export class RunDetailResponse extends RunResponse {
  @ApiProperty({ type: [RunEventResponse] }) events: RunEventResponse[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRunResponse(r: Run): RunResponse {
  return {
    run_id: r.run_id,
    kind: r.kind,
    status: r.status,
    run_key: r.run_key,
    params: r.params,
    run_group: r.run_group,
    priority: r.priority,
    attempt: r.attempt,
    max_attempts: r.max_attempts,
    timeout_seconds: r.timeout_seconds,
    queued_at: r.queued_at.toISOString(),
    not_before: iso(r.not_before),
    started_at: iso(r.started_at),
    ended_at: iso(r.ended_at),
    heartbeat_at: iso(r.heartbeat_at),
    worker_id: r.worker_id,
    error: r.error,
    metadata: r.metadata,
  };
}

export function toRunDetailResponse(r: Run, events: RunEvent[]): RunDetailResponse {
  return {
    ...toRunResponse(r),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      attempt: e.attempt,
      level: e.level,
      message: e.message,
      data: e.data,
    })),
  };
}
