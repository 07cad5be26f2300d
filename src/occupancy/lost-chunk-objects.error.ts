/**
 * COMPLETED chunks whose Parquet object is missing from the store (a lost disk, a bucket
 * cleaned by hand). Whoever meets one puts the chunks back to PENDING so that they are
 * computed again (ChunkWorkRepository.resetLost), instead of failing for ever.
 */
export class LostChunkObjectsError extends Error {
  override readonly name = 'LostChunkObjectsError';
  constructor(readonly chunkIds: string[]) {
    super(`${chunkIds.length} COMPLETED chunk(s) have lost their stored file`);
  }
}
