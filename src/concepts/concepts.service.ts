import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from '../common/pg-errors';
import { ConceptEntity } from './concept.entity';
import { Dependent, dependentsConflict, DependentSource } from './concept-dependents';
import type { CreateConceptDto, UpdateConceptDto } from './concepts.dto';

/**
 * Concepts. Name uniqueness is the database's constraint (concurrent creates: one wins, the
 * other gets 409). Deleting a concept that other features keep rows under (registered
 * DependentSources) is a 409 listing them, unless `cascade`.
 */
@Injectable()
export class ConceptsService {
  private readonly dependents: DependentSource[] = [];

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Called by features in onModuleInit; sources registered later are deleted first. */
  registerDependents(source: DependentSource): void {
    this.dependents.unshift(source);
  }

  async list(query: PageQuery): Promise<Page<ConceptEntity>> {
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.db.getRepository(ConceptEntity).find({
      where: { cId: MoreThan(after) },
      order: { cId: 'ASC' },
      take: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => r,
      (r) => encodeCursor([r.cId]),
    );
  }

  async get(cId: number, manager: EntityManager = this.db.manager): Promise<ConceptEntity> {
    const found = await manager.getRepository(ConceptEntity).findOneBy({ cId });
    if (!found) throw new NotFoundException(`concept ${cId} not found`);
    return found;
  }

  /** Locks the concept row for the rest of `manager`'s transaction (404 if it is gone). */
  async lock(manager: EntityManager, cId: number): Promise<ConceptEntity> {
    const found = await manager
      .getRepository(ConceptEntity)
      .findOne({ where: { cId }, lock: { mode: 'pessimistic_write' } });
    if (!found) throw new NotFoundException(`concept ${cId} not found`);
    return found;
  }

  async create(dto: CreateConceptDto): Promise<ConceptEntity> {
    try {
      const { identifiers } = await this.db.getRepository(ConceptEntity).insert({
        name: dto.name,
        description: dto.description ?? null,
      });
      return await this.get((identifiers[0] as { cId: number }).cId);
    } catch (e) {
      throw translate(e, dto.name);
    }
  }

  async update(cId: number, dto: UpdateConceptDto): Promise<ConceptEntity> {
    const changes: Partial<ConceptEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description;
    if (!Object.keys(changes).length) return this.get(cId);
    try {
      const { affected } = await this.db.getRepository(ConceptEntity).update({ cId }, changes);
      if (!affected) throw new NotFoundException(`concept ${cId} not found`);
    } catch (e) {
      throw translate(e, dto.name);
    }
    return this.get(cId);
  }

  /** What depends on the concept (every registered source). */
  async dependentsOf(cId: number, manager: EntityManager = this.db.manager): Promise<Dependent[]> {
    const lists = [];
    for (const s of this.dependents) lists.push(...(await s.list(manager, cId)));
    return lists;
  }

  /**
   * Deletes the concept and its values. With dependents: 409 listing them, or with `cascade`
   * they go too (in one transaction; their stored objects after it commits).
   */
  async remove(cId: number, cascade: boolean): Promise<void> {
    const after: (() => Promise<void>)[] = [];
    await this.db.transaction(async (m) => {
      await this.lock(m, cId);
      const deps = await this.dependentsOf(cId, m);
      if (deps.length && !cascade) throw dependentsConflict(`concept ${cId}`, deps);
      for (const s of this.dependents) after.push(await s.deleteAll(m, cId));
      try {
        // values go with their concept (the parent FK restricts: unlink them first)
        await m.query(`UPDATE concept_values SET parent_cv_id = NULL WHERE c_id = $1`, [cId]);
        await m.getRepository(ConceptEntity).delete({ cId });
      } catch (e) {
        throw translate(e);
      }
    });
    for (const fn of after) await fn().catch(() => undefined);
  }
}

function translate(e: unknown, name?: string): unknown {
  const pg = pgError(e);
  if (pg?.code === UNIQUE_VIOLATION)
    return new ConflictException(
      name !== undefined
        ? `a concept named "${name}" already exists; choose another name`
        : 'the concept conflicts with an existing one',
    );
  if (pg?.code === FOREIGN_KEY_VIOLATION)
    return new ConflictException(
      `the concept is still used by table "${pg.table ?? 'unknown'}"; delete what uses it first or pass ?cascade=true`,
    );
  return e;
}
