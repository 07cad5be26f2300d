import { Injectable } from '@nestjs/common';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RunKind } from '../run-kind';
import type { RunContext, RunProcessor } from '../run-processor';

/** The params of a diagnostic run. */
export class DiagnosticParams {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(3600)
  seconds: number;

  @IsOptional()
  @IsBoolean()
  fail?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  fail_attempts?: number;
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Sleeps `seconds` (heartbeating, abortable), then succeeds — or fails when `fail` is set or
 * while `attempt <= fail_attempts`. For operators checking a worker fleet, and for tests. Its
 * own group (MAX_CONCURRENT_DIAGNOSTIC_RUNS) keeps long ones from holding every slot.
 */
@Injectable()
@RunKind({
  kind: 'diagnostic',
  group: 'diagnostic',
  maxAttempts: 1,
  timeoutSeconds: null,
  params: DiagnosticParams,
})
export class DiagnosticProcessor implements RunProcessor<DiagnosticParams> {
  async process({
    run,
    params: p,
    signal,
    log,
  }: RunContext<DiagnosticParams>): Promise<Record<string, unknown>> {
    if (p.seconds > 0) {
      await log.info(`sleeping ${p.seconds} s`);
      await abortableSleep(p.seconds * 1000, signal);
    }
    if (p.fail) throw new Error('diagnostic run asked to fail (fail: true)');
    if (run.attempt <= (p.fail_attempts ?? 0)) {
      throw new Error(
        `diagnostic failure on attempt ${run.attempt} (fail_attempts: ${p.fail_attempts})`,
      );
    }
    return { slept_seconds: p.seconds, succeeded_on_attempt: run.attempt };
  }
}
