import { Injectable } from '@nestjs/common';

/** What a derived index needs of the Snorkel job it comes from. */
export interface DerivedJob {
  /** The job's index (its connection and key column are the derived index's). */
  indexId: number;
  /** The job's last successful run and its Parquet; null until it succeeded. */
  runId: string | null;
  storageKey: string | null;
  /** The Parquet's key column name (the index's, or `entity_<key>` if that collided). */
  keyColumn: string | null;
}

/**
 * The Snorkel module registers how to find a job (SQL assets cannot import it: it imports
 * them). Used by derived indexes when saved and when built.
 */
@Injectable()
export class DerivedIndexSources {
  private source?: (cId: number, jobId: number) => Promise<DerivedJob | null>;

  register(source: (cId: number, jobId: number) => Promise<DerivedJob | null>): void {
    this.source = source;
  }

  async job(cId: number, jobId: number): Promise<DerivedJob | null> {
    if (!this.source) throw new Error('Snorkel jobs are not available in this process');
    return this.source(cId, jobId);
  }
}
