import { Injectable } from '@nestjs/common';
import { RunKind } from '../runs/run-kind';
import type { RunContext, RunProcessor } from '../runs/run-processor';
import { ClassifierParams, ClassifierTrainer } from './classifier-trainer.service';
import { CLASSIFIER_KIND } from './classifiers.service';

/** Runs a classifier job (run kind `classifier`): see ClassifierTrainer. */
@Injectable()
@RunKind({
  kind: CLASSIFIER_KIND,
  group: 'interactive',
  maxAttempts: 2,
  timeoutSeconds: 3600,
  params: ClassifierParams,
})
export class ClassifierProcessor implements RunProcessor<ClassifierParams> {
  constructor(private readonly trainer: ClassifierTrainer) {}
  process(ctx: RunContext<ClassifierParams>) {
    return this.trainer.train(ctx);
  }
}
