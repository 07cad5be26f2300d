import { Injectable } from '@nestjs/common';
import { RunKind } from '../runs/run-kind';
import type { RunContext, RunProcessor } from '../runs/run-processor';
import { SnorkelParams, SnorkelTrainer } from './snorkel-trainer.service';
import { SNORKEL_KIND } from './snorkel.service';

/** Runs a Snorkel job (run kind `snorkel`): see SnorkelTrainer. */
@Injectable()
@RunKind({
  kind: SNORKEL_KIND,
  group: 'interactive',
  maxAttempts: 2,
  timeoutSeconds: 3600,
  params: SnorkelParams,
})
export class SnorkelProcessor implements RunProcessor<SnorkelParams> {
  constructor(private readonly trainer: SnorkelTrainer) {}
  process(ctx: RunContext<SnorkelParams>) {
    return this.trainer.train(ctx);
  }
}
