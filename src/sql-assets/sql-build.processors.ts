import { Injectable } from '@nestjs/common';
import { RunKind } from '../runs/run-kind';
import type { RunContext, RunProcessor } from '../runs/run-processor';
import { BuildParams, SqlBuilder } from './sql-builder.service';
import { BUILD_KIND } from './sql-asset.types';

const COMMON = {
  group: 'interactive',
  maxAttempts: 3,
  timeoutSeconds: 3600,
  params: BuildParams,
} as const;

/** Materializes an index (run kind `index_materialization`). */
@Injectable()
@RunKind({ kind: BUILD_KIND.index, ...COMMON })
export class IndexBuildProcessor implements RunProcessor<BuildParams> {
  constructor(private readonly builder: SqlBuilder) {}
  process(ctx: RunContext<BuildParams>) {
    return this.builder.build('index', ctx);
  }
}

/** Materializes a rule (run kind `rule_materialization`); waits for its index's build. */
@Injectable()
@RunKind({ kind: BUILD_KIND.rule, ...COMMON })
export class RuleBuildProcessor implements RunProcessor<BuildParams> {
  constructor(private readonly builder: SqlBuilder) {}
  process(ctx: RunContext<BuildParams>) {
    return this.builder.build('rule', ctx);
  }
}

/** Materializes a feature (run kind `feature_materialization`); waits for its index's build. */
@Injectable()
@RunKind({ kind: BUILD_KIND.feature, ...COMMON })
export class FeatureBuildProcessor implements RunProcessor<BuildParams> {
  constructor(private readonly builder: SqlBuilder) {}
  process(ctx: RunContext<BuildParams>) {
    return this.builder.build('feature', ctx);
  }
}
