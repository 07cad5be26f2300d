import { Injectable } from '@nestjs/common';
import { RunContext, RunProcessor, RunProcessorFor } from '../run-processor';

export interface DiagnosticParams {
  seconds: number;
  fail?: boolean;
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
 * while `attempt <= fail_attempts`. For operators checking a worker fleet, and for tests.
 */
@Injectable()
@RunProcessorFor('diagnostic')
export class DiagnosticProcessor implements RunProcessor {
  async process({ run, signal, log }: RunContext): Promise<Record<string, unknown>> {
    const p = run.params as unknown as DiagnosticParams;
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
