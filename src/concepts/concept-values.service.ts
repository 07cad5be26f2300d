import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { pgError, UNIQUE_VIOLATION } from '../common/pg-errors';
import { ConceptValueEntity } from './concept-value.entity';
import { Dependent, dependentsConflict, DependentSource } from './concept-dependents';
import type { CreateValueDto, UpdateValueDto, ValueTreeNode } from './concepts.dto';
import { toValueResponse } from './concepts.dto';
import { ConceptsService } from './concepts.service';

/** Values per concept (the tree is at most this many values: one request builds it). */
export const MAX_VALUES_PER_CONCEPT = 10_000;

/**
 * The values (labels) of a concept, as a tree: `parent_cv_id` is a value of the same concept,
 * `level` follows from it (kept in the row, updated for a moved subtree). Name uniqueness per
 * concept is the database's constraint. Writes lock the concept row, so concurrent moves cannot
 * build a cycle.
 */
@Injectable()
export class ConceptValuesService {
  private readonly dependents: DependentSource[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly concepts: ConceptsService,
  ) {}

  /** Features whose rows use a value (labeling functions) register here. */
  registerDependents(source: DependentSource): void {
    this.dependents.unshift(source);
  }

  async list(cId: number, query: PageQuery): Promise<Page<ConceptValueEntity>> {
    await this.concepts.get(cId);
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.repo().find({
      where: { cId, cvId: MoreThan(after) },
      order: { cvId: 'ASC' },
      take: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => r,
      (r) => encodeCursor([r.cvId]),
    );
  }

  async get(cId: number, cvId: number, manager?: EntityManager): Promise<ConceptValueEntity> {
    const found = await this.repo(manager).findOneBy({ cId, cvId });
    if (!found) throw new NotFoundException(`value ${cvId} of concept ${cId} not found`);
    return found;
  }

  /** Every value of the concept as a forest ordered by display_order, then name. */
  async tree(cId: number): Promise<ValueTreeNode[]> {
    await this.concepts.get(cId);
    const rows = await this.repo().find({
      where: { cId },
      order: { displayOrder: 'ASC', name: 'ASC' },
      take: MAX_VALUES_PER_CONCEPT,
    });
    const nodes = new Map<number, ValueTreeNode>(
      rows.map((r) => [r.cvId, { ...toValueResponse(r), children: [] }]),
    );
    const roots: ValueTreeNode[] = [];
    for (const r of rows) {
      const node = nodes.get(r.cvId)!;
      const parent = r.parentCvId === null ? undefined : nodes.get(r.parentCvId);
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }

  async create(cId: number, dto: CreateValueDto): Promise<ConceptValueEntity> {
    const cvId = await this.db.transaction(async (m) => {
      await this.concepts.lock(m, cId);
      const count = await this.repo(m).countBy({ cId });
      if (count >= MAX_VALUES_PER_CONCEPT)
        throw new BadRequestException(
          `concept ${cId} has ${count} values, the most a concept may have`,
        );
      const level = await this.levelUnder(m, cId, dto.parent_cv_id ?? null, dto.level);
      try {
        const { identifiers } = await this.repo(m).insert({
          cId,
          name: dto.name,
          description: dto.description ?? null,
          displayOrder: dto.display_order ?? 0,
          parentCvId: dto.parent_cv_id ?? null,
          level,
        });
        return (identifiers[0] as { cvId: number }).cvId;
      } catch (e) {
        throw translate(e, cId, dto.name);
      }
    });
    return this.get(cId, cvId);
  }

  async update(cId: number, cvId: number, dto: UpdateValueDto): Promise<ConceptValueEntity> {
    await this.db.transaction(async (m) => {
      await this.concepts.lock(m, cId);
      const current = await this.get(cId, cvId, m);
      const changes: Partial<ConceptValueEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.display_order !== undefined) changes.displayOrder = dto.display_order;
      const parent = dto.parent_cv_id === undefined ? current.parentCvId : dto.parent_cv_id;
      if (dto.parent_cv_id !== undefined && parent !== null) {
        const below = await this.subtreeIds(m, cvId);
        if (below.includes(parent))
          throw new BadRequestException(
            `parent_cv_id ${parent} is value ${cvId} itself or below it: a value cannot be its own ancestor`,
          );
      }
      const level = await this.levelUnder(m, cId, parent, dto.level);
      changes.parentCvId = parent;
      changes.level = level;
      try {
        await this.repo(m).update({ cId, cvId }, changes);
      } catch (e) {
        throw translate(e, cId, dto.name);
      }
      if (level !== current.level) {
        // the subtree moved: every descendant's level shifts by the same amount
        await m.query(
          `WITH RECURSIVE below AS (
             SELECT cv_id FROM concept_values WHERE parent_cv_id = $1
             UNION ALL
             SELECT v.cv_id FROM concept_values v JOIN below b ON v.parent_cv_id = b.cv_id
           )
           UPDATE concept_values SET level = level + $2 WHERE cv_id IN (SELECT cv_id FROM below)`,
          [cvId, level - current.level],
        );
      }
    });
    return this.get(cId, cvId);
  }

  /** Its children (and registered dependents) make a 409 unless `cascade` deletes them too. */
  async remove(cId: number, cvId: number, cascade: boolean): Promise<void> {
    const after: (() => Promise<void>)[] = [];
    await this.db.transaction(async (m) => {
      await this.concepts.lock(m, cId);
      const value = await this.get(cId, cvId, m);
      const ids = await this.subtreeIds(m, cvId);
      const children: Dependent[] = (
        ids.length > 1
          ? await this.repo(m).find({ where: ids.slice(1).map((id) => ({ cvId: id })) })
          : []
      ).map((v) => ({ type: 'value', id: v.cvId, name: v.name }));
      const deps: Dependent[] = [...children];
      for (const id of ids) for (const s of this.dependents) deps.push(...(await s.list(m, id)));
      if (deps.length && !cascade) throw dependentsConflict(`value ${cvId} "${value.name}"`, deps);
      for (const id of ids) for (const s of this.dependents) after.push(await s.deleteAll(m, id));
      await m.query(`UPDATE concept_values SET parent_cv_id = NULL WHERE cv_id = ANY($1)`, [ids]);
      await m.query(`DELETE FROM concept_values WHERE cv_id = ANY($1)`, [ids]);
    });
    for (const fn of after) await fn().catch(() => undefined);
  }

  /** `cvId` and every value below it (cvId first). */
  private async subtreeIds(m: EntityManager, cvId: number): Promise<number[]> {
    const rows = await m.query<{ cv_id: number }[]>(
      `WITH RECURSIVE below AS (
         SELECT cv_id FROM concept_values WHERE cv_id = $1
         UNION
         SELECT v.cv_id FROM concept_values v JOIN below b ON v.parent_cv_id = b.cv_id
       )
       SELECT cv_id FROM below`,
      [cvId],
    );
    return [cvId, ...rows.map((r) => r.cv_id).filter((id) => id !== cvId)];
  }

  /** The level of a value under `parent` (400 if the parent is not a value of this concept). */
  private async levelUnder(
    m: EntityManager,
    cId: number,
    parent: number | null,
    asked: number | undefined,
  ): Promise<number> {
    let level = 0;
    if (parent !== null) {
      const p = await this.repo(m).findOneBy({ cvId: parent });
      if (!p || p.cId !== cId)
        throw new BadRequestException(`parent_cv_id ${parent} is not a value of concept ${cId}`);
      level = p.level + 1;
    }
    if (asked !== undefined && asked !== level)
      throw new BadRequestException(
        `level ${asked} does not match the tree: a value ${parent === null ? 'without parent' : `under value ${parent}`} has level ${level} (omit level to have it computed)`,
      );
    return level;
  }

  private repo(m: EntityManager = this.db.manager) {
    return m.getRepository(ConceptValueEntity);
  }
}

function translate(e: unknown, cId: number, name?: string): unknown {
  if (pgError(e)?.code === UNIQUE_VIOLATION)
    return new ConflictException(
      `concept ${cId} already has a value named "${name ?? ''}"; choose another name`,
    );
  return e;
}
