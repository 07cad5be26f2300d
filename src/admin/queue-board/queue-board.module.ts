import { Inject, Injectable, Module, OnModuleInit, type DynamicModule } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, InjectBullBoard, type BullBoardInstance } from '@bull-board/nestjs';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { AuthModule } from '../../auth/auth.module';
import { ApiKeysService } from '../../auth/api-keys.service';
import { APP_CONFIG } from '../../config/app-config.provider';
import { BullMqRunQueue } from '../../infra/run-queue/bullmq-run-queue';
import { RUN_QUEUE, type RunQueue } from '../../infra/run-queue/run-queue.port';
import { QUEUE_BOARD_PATH, queueBoardAccess } from './queue-board.access';
import { QueueBoardController } from './queue-board.controller';

/** Puts the run queue's BullMQ queues (one per run group) on the board. */
@Injectable()
class QueueBoardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    @Inject(RUN_QUEUE) private readonly queue: RunQueue,
  ) {}

  onModuleInit(): void {
    if (!(this.queue instanceof BullMqRunQueue)) return;
    for (const q of this.queue.groupQueues()) this.board.addQueue(new BullMQAdapter(q));
  }
}

/**
 * The queue view: Bull Board at /queues when runs go through Redis (REDIS_URL), behind an
 * admin key (queue-board.access); `GET /queue-board` tells the dashboard whether it exists.
 * Without Redis only that answer is served.
 */
@Module({})
export class QueueBoardModule {
  static register(config: ResolvedConfig): DynamicModule {
    if (config.runs.queueDriver !== 'bullmq')
      return { module: QueueBoardModule, controllers: [QueueBoardController] };
    return {
      module: QueueBoardModule,
      imports: [
        AuthModule,
        BullBoardModule.forRootAsync({
          imports: [AuthModule],
          inject: [ApiKeysService, APP_CONFIG],
          useFactory: (keys: ApiKeysService, resolved: ResolvedConfig) => ({
            route: QUEUE_BOARD_PATH,
            adapter: ExpressAdapter,
            middleware: queueBoardAccess(keys, resolved.auth.required),
            boardOptions: { uiConfig: { boardTitle: 'tippers runs' } },
          }),
        }),
      ],
      controllers: [QueueBoardController],
      providers: [QueueBoardQueues],
    };
  }
}
