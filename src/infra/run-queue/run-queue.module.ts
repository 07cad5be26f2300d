import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { RunsConfig } from '../../config/app-config';
import { BullMqRunQueue } from './bullmq-run-queue';
import { LocalRunQueue } from './local-run-queue';
import { RUN_QUEUE, RunQueue } from './run-queue.port';

/** Chooses the run queue driver at boot: `bullmq` when REDIS_URL is set, else `local`. */
export function createRunQueue(config: RunsConfig): RunQueue {
  if (config.queueDriver === 'bullmq') {
    return new BullMqRunQueue({
      redisUrl: config.redisUrl!,
      prefix: config.queuePrefix,
      groupConcurrency: config.groupCaps,
    });
  }
  return new LocalRunQueue();
}

@Global()
@Module({})
export class RunQueueModule implements OnApplicationShutdown {
  constructor(@Inject(RUN_QUEUE) private readonly queue: RunQueue) {}

  static forRoot(config: RunsConfig): DynamicModule {
    return {
      module: RunQueueModule,
      providers: [{ provide: RUN_QUEUE, useFactory: () => createRunQueue(config) }],
      exports: [RUN_QUEUE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
