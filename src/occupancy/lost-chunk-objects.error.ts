/**
 * Objects that COMPLETED chunks point at but the store does not hold (a lost disk, a bucket
 * cleaned by hand). Whoever meets them puts the chunks back to PENDING so that they are
 * computed again (ChunkWorkRepository.resetLost), instead of failing for ever.
 */
export class LostChunkObjectsError extends Error {
  override readonly name = 'LostChunkObjectsError';
  constructor(readonly keys: string[]) {
    super(`${keys.length} stored occupancy object(s) are missing`);
  }
}
