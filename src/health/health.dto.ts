import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';

export class HealthCheckEntry {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Round trip of the check query' })
  latency_ms?: number;

  @ApiPropertyOptional({ description: 'Why the check failed' })
  message?: string;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthCheckEntry' },
    example: {
      app_db: { status: 'up', latency_ms: 1 },
      tippers_db: { status: 'up', latency_ms: 1 },
    },
  })
  checks: Record<string, HealthCheckEntry>;

  @ApiPropertyOptional({ description: 'Only when failing: which checks failed' })
  message?: string;

  @ApiPropertyOptional({ description: 'Only when failing: 503' })
  statusCode?: number;

  @ApiPropertyOptional({ description: 'Only when failing' })
  error?: string;
}

/** Terminus's `{status, details}` → ours: `{status: "ok", checks}`, or the failing names. */
export function toHealthResponse(result: HealthCheckResult | undefined): HealthResponse {
  const checks = (result?.details ?? {}) as Record<string, HealthCheckEntry>;
  const failing = Object.entries(checks)
    .filter(([, c]) => c.status !== 'up')
    .map(([name]) => name);
  if (result?.status === 'ok' && failing.length === 0) return { status: 'ok', checks };
  return {
    statusCode: 503,
    error: 'Service Unavailable',
    message: `health check failed: ${failing.join(', ') || 'unknown'}`,
    status: 'error',
    checks,
  };
}
