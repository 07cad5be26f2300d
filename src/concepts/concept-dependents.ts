import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A row that depends on a concept or a value (listed in a 409, deleted by ?cascade=true). */
export interface Dependent {
  type: string;
  id: number;
  name: string;
}

/**
 * What another feature keeps under a concept or a value (indexes, rules, later labeling
 * functions ...). Features register one in onModuleInit, so the concepts module knows none of
 * them by name.
 */
export interface DependentSource {
  /** The dependents of `id` (a concept's c_id, or a value's cv_id). */
  list(manager: EntityManager, id: number): Promise<Dependent[]>;
  /**
   * Deletes them in `manager`'s transaction. Returns work to do once it committed (removing
   * stored objects, canceling runs); it must not fail the delete.
   */
  deleteAll(manager: EntityManager, id: number): Promise<() => Promise<void>>;
}

/** 409 naming every dependent (at most 50 in the message, all in `dependents`). */
export function dependentsConflict(what: string, dependents: Dependent[]): ConflictException {
  const shown = dependents
    .slice(0, 50)
    .map((d) => `${d.type} ${d.id} "${d.name}"`)
    .join(', ');
  const more = dependents.length > 50 ? ` and ${dependents.length - 50} more` : '';
  return new ConflictException({
    message: `${what} has dependents: ${shown}${more}; delete them first or pass ?cascade=true (needs the admin role)`,
    error: 'Conflict',
    dependents,
  });
}
