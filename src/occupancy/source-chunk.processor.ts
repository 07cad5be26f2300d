import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { RunKind } from '../runs/run-kind';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkRunParams, SOURCE_CHUNK_KIND } from './chunk-run.params';
import { ChunkRunProcessor } from './chunk-run.processor';
import { ChunkWorkRepository } from './chunk-work.repository';
import { OccupancyKicks } from './occupancy-kicks';

/** Runs holding source chunks (and the derived chunks above them) of one window. */
@Injectable()
@RunKind({
  kind: SOURCE_CHUNK_KIND,
  group: 'bulk',
  maxAttempts: 3,
  timeoutSeconds: null, // set per run from recent run times (chunkTimeoutSeconds)
  params: ChunkRunParams,
})
export class SourceChunkProcessor extends ChunkRunProcessor {
  constructor(
    chunks: ChunkWorkRepository,
    computer: ChunkComputer,
    kicks: OccupancyKicks,
    @Inject(APP_CONFIG) config: ResolvedConfig,
  ) {
    super(chunks, computer, kicks, config);
  }
}
