import { Injectable } from '@nestjs/common';
import type { CreateDiagnosticRunDto } from '../runs.dto';
import type { DiagnosticParams } from './diagnostic.processor';
import type { Run } from '../run.types';
import { RunsService } from '../runs.service';

@Injectable()
export class DiagnosticsService {
  constructor(private readonly runs: RunsService) {}

  /** Creates a diagnostic run (or returns the one with the same run_key). */
  async start(body: CreateDiagnosticRunDto): Promise<Run> {
    const { run } = await this.runs.create({
      kind: 'diagnostic',
      params: {
        seconds: body.seconds,
        fail: body.fail ?? false,
        fail_attempts: body.fail_attempts ?? 0,
      } satisfies DiagnosticParams,
      runKey: body.run_key,
      maxAttempts: body.max_attempts,
      timeoutSeconds: body.timeout_seconds,
    });
    return run;
  }
}
