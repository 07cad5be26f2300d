import { applyDecorators, Injectable, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';

type Tracked = { apiKey?: { keyId: string }; ip?: string };

/** The limit of expensive requests per key (or per client address without a key), per minute. */
export function rateLimitOptions(perMinute: number): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: perMinute > 0 ? perMinute : Number.MAX_SAFE_INTEGER },
    ],
    errorMessage: (_ctx: ExecutionContext, d: ThrottlerLimitDetail) =>
      `too many expensive requests: at most ${d.limit} a minute per API key (or per client without one); ` +
      `retry after ${Math.max(1, Math.ceil(d.timeToBlockExpire))} s (Retry-After)`,
  };
}

/** Counts per API key when the request has one, else per client address. */
@Injectable()
export class ExpensiveThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as Tracked;
    return r.apiKey ? `key:${r.apiKey.keyId}` : `ip:${r.ip ?? 'unknown'}`;
  }
}

/**
 * An endpoint that costs the server (plans chunks, opens connections, starts runs): limited to
 * RATE_LIMIT_EXPENSIVE_PER_MINUTE per key, answering 429 with Retry-After beyond it.
 */
export const Expensive = () =>
  applyDecorators(
    UseGuards(ExpensiveThrottlerGuard),
    ApiResponse({ status: 429, description: 'Too many expensive requests; see Retry-After' }),
  );
