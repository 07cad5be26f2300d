import { Injectable } from '@nestjs/common';
import type { RunState } from '../runs/runs.repository';
import type { CatalogEntry, CatalogRun } from './catalog.dto';

/** Entries a feature adds to a concept's catalog (labeling functions, jobs). */
export type CatalogSource = (cId: number) => Promise<CatalogEntry[]>;

/**
 * The catalog's extension point: feature modules that own catalog entries beyond the SQL
 * assets register a source here (the catalog knows no feature by name).
 */
@Injectable()
export class CatalogSources {
  private readonly sources: CatalogSource[] = [];

  register(source: CatalogSource): void {
    this.sources.push(source);
  }

  async entries(cId: number): Promise<CatalogEntry[]> {
    const out: CatalogEntry[] = [];
    for (const s of this.sources) out.push(...(await s(cId)));
    return out;
  }
}

/** A job's run as the catalog shows it. */
export function catalogRun(run: RunState | undefined): CatalogRun | null {
  if (!run) return null;
  return {
    run_id: run.run_id,
    status: run.status,
    requested_at: new Date(run.queued_at).toISOString(),
    materialized_at:
      run.ended_at && run.status === 'SUCCESS' ? new Date(run.ended_at).toISOString() : null,
    error: run.error,
  };
}
