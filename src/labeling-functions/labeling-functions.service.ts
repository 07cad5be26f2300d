import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from '../common/pg-errors';
import { Dependent } from '../concepts/concept-dependents';
import { ConceptValuesService } from '../concepts/concept-values.service';
import { ConceptsService } from '../concepts/concepts.service';
import { SqlAssetsService } from '../sql-assets/sql-assets.service';
import { LabelingFunctionEntity, LfType } from './labeling-function.entity';
import type {
  CreateLabelingFunctionDto,
  LfTemplateResponse,
  LfTestResponse,
  UpdateLabelingFunctionDto,
} from './labeling-functions.dto';
import { LfDefinition, LfRunner } from './lf-runner.service';

/** Filters of the list. */
export interface LfListQuery extends PageQuery {
  rule_id?: number;
}

/**
 * Labeling functions: CRUD, versions (a copy with changes, `version` + 1, chained by
 * `parent_lf_id`; the version it came from is deactivated), approval and activation. Every
 * definition is checked (LfRunner) before it is stored. Concepts, values and rules list their
 * LFs as dependents (409 on delete, removed with ?cascade=true).
 */
@Injectable()
export class LabelingFunctionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly concepts: ConceptsService,
    private readonly values: ConceptValuesService,
    private readonly assets: SqlAssetsService,
    private readonly runner: LfRunner,
  ) {}

  onModuleInit(): void {
    const source = (
      where: (m: EntityManager, id: number) => Promise<LabelingFunctionEntity[]>,
    ) => ({
      list: async (m: EntityManager, id: number): Promise<Dependent[]> =>
        (await where(m, id)).map((lf) => ({
          type: 'labeling_function',
          id: lf.lfId,
          name: `${lf.name} v${lf.version}`,
        })),
      deleteAll: async (m: EntityManager, id: number) => {
        const ids = (await where(m, id)).map((lf) => lf.lfId);
        if (ids.length) await this.repo(m).delete(ids);
        return async () => undefined;
      },
    });
    this.concepts.registerDependents(source((m, cId) => this.repo(m).find({ where: { cId } })));
    this.values.registerDependents(
      source((m, cvId) =>
        this.repo(m)
          .createQueryBuilder('lf')
          .where(':cvId = ANY(lf.applicable_cv_ids)', { cvId })
          .getMany(),
      ),
    );
    this.assets.registerRuleDependents(
      source((m, ruleId) => this.repo(m).find({ where: { ruleId } })),
    );
  }

  async list(cId: number, query: LfListQuery): Promise<Page<LabelingFunctionEntity>> {
    await this.concepts.get(cId);
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.repo().find({
      where: {
        cId,
        lfId: MoreThan(after),
        ...(query.rule_id !== undefined ? { ruleId: query.rule_id } : {}),
      },
      order: { lfId: 'ASC' },
      take: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => r,
      (r) => encodeCursor([r.lfId]),
    );
  }

  async get(cId: number, lfId: number, m?: EntityManager): Promise<LabelingFunctionEntity> {
    const found = await this.repo(m).findOneBy({ cId, lfId });
    if (!found) throw new NotFoundException(`concept ${cId} has no labeling function ${lfId}`);
    return found;
  }

  async create(cId: number, dto: CreateLabelingFunctionDto): Promise<LabelingFunctionEntity> {
    await this.concepts.get(cId);
    const def: LfDefinition = {
      ruleId: dto.rule_id,
      applicableCvIds: dto.applicable_cv_ids,
      lfType: dto.lf_type,
      lfConfig: dto.lf_config,
    };
    await this.runner.check(cId, def);
    try {
      const { identifiers } = await this.repo().insert(
        asRow({
          cId,
          name: dto.name,
          description: dto.description ?? null,
          ...def,
          isActive: dto.is_active ?? true,
          requiresApproval: dto.requires_approval ?? false,
        }),
      );
      return await this.get(cId, (identifiers[0] as { lfId: number }).lfId);
    } catch (e) {
      throw translate(e, cId, dto.name);
    }
  }

  /** Edits in place; a changed definition needs approval again. */
  async update(
    cId: number,
    lfId: number,
    dto: UpdateLabelingFunctionDto,
  ): Promise<LabelingFunctionEntity> {
    const lf = await this.get(cId, lfId);
    const def = merged(lf, dto);
    const definitionChanged = JSON.stringify(def) !== JSON.stringify(definitionOf(lf));
    if (definitionChanged) await this.runner.check(cId, def);
    const changes: Partial<LabelingFunctionEntity> = { ...def };
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.requires_approval !== undefined) changes.requiresApproval = dto.requires_approval;
    if (definitionChanged) {
      changes.approvedAt = null;
      changes.approvedBy = null;
    }
    try {
      await this.repo().update({ cId, lfId }, asRow(changes));
    } catch (e) {
      throw translate(e, cId, dto.name ?? lf.name);
    }
    return this.get(cId, lfId);
  }

  /**
   * A new version: the LF with `dto`'s changes, the next version number of its name, its
   * parent `lfId`; the parent is deactivated (one version in use).
   */
  async createVersion(
    cId: number,
    lfId: number,
    dto: UpdateLabelingFunctionDto,
  ): Promise<LabelingFunctionEntity> {
    const parent = await this.get(cId, lfId);
    const def = merged(parent, dto);
    await this.runner.check(cId, def);
    const name = dto.name ?? parent.name;
    const created = await this.db.transaction(async (m) => {
      await this.concepts.lock(m, cId);
      await this.get(cId, lfId, m);
      const { max } = (await this.repo(m)
        .createQueryBuilder('lf')
        .select('max(lf.version)', 'max')
        .where('lf.c_id = :cId AND lf.name = :name', { cId, name })
        .getRawOne()) as { max: number | null };
      try {
        const { identifiers } = await this.repo(m).insert(
          asRow({
            cId,
            name,
            description: dto.description !== undefined ? dto.description : parent.description,
            ...def,
            version: (max ?? 0) + 1,
            parentLfId: lfId,
            isActive: true,
            requiresApproval: dto.requires_approval ?? parent.requiresApproval,
          }),
        );
        await this.repo(m).update({ lfId }, { isActive: false });
        return (identifiers[0] as { lfId: number }).lfId;
      } catch (e) {
        throw translate(e, cId, name);
      }
    });
    return this.get(cId, created);
  }

  async approve(cId: number, lfId: number, by: string | null): Promise<LabelingFunctionEntity> {
    await this.get(cId, lfId);
    await this.repo().update({ cId, lfId }, { approvedAt: new Date(), approvedBy: by });
    return this.get(cId, lfId);
  }

  async setActive(cId: number, lfId: number, active: boolean): Promise<LabelingFunctionEntity> {
    await this.get(cId, lfId);
    await this.repo().update({ cId, lfId }, { isActive: active });
    return this.get(cId, lfId);
  }

  async remove(cId: number, lfId: number): Promise<void> {
    await this.get(cId, lfId);
    await this.repo().delete({ cId, lfId });
  }

  async test(cId: number, lfId: number, limit: number): Promise<LfTestResponse> {
    const lf = await this.get(cId, lfId);
    return this.runner.test(cId, definitionOf(lf), limit);
  }

  /** A starting lf_config of `type` for `ruleId`'s columns, with the constants code LFs see. */
  async template(cId: number, type: LfType, ruleId: number): Promise<LfTemplateResponse> {
    await this.concepts.get(cId);
    const rule = await this.assets.get('rule', cId, ruleId).catch((e: unknown) => {
      if (e instanceof NotFoundException)
        throw new BadRequestException(`rule_id: concept ${cId} has no rule ${ruleId}`);
      throw e;
    });
    const { constants } = await this.runner.constants(cId);
    const columns = rule.outputColumns.map((c) => ({ name: c.name, type: c.type }));
    const first = Object.entries(constants).find(([k]) => k !== 'ABSTAIN' && !k.startsWith('CV_'));
    const label = first ?? Object.entries(constants).find(([k]) => k.startsWith('CV_'));
    const cv = label ? label[1] : 1;
    const numeric = columns.find((c) => /INT|DOUBLE|FLOAT|DECIMAL|REAL/i.test(c.type));
    const column = numeric ?? columns[0] ?? { name: 'column', type: 'VARCHAR' };
    const fields = columns.map(
      (c) => `row.${/^[A-Za-z_$][\w$]*$/.test(c.name) ? c.name : `[${JSON.stringify(c.name)}]`}`,
    );
    const lfConfig: Record<string, unknown> =
      type === 'conditions'
        ? {
            label: cv,
            conditions: [
              numeric
                ? { column: column.name, op: '>', value: 0 }
                : { column: column.name, op: 'not_null' },
            ],
          }
        : type === 'sql'
          ? {
              expression: numeric
                ? `CASE WHEN ${JSON.stringify(column.name)} > 0 THEN ${cv} END`
                : `CASE WHEN ${JSON.stringify(column.name)} IS NOT NULL THEN ${cv} END`,
            }
          : {
              code:
                `// row holds the rule's columns: ${fields.join(', ').replaceAll('row.[', 'row[')}\n` +
                `// return ${label ? label[0] : 'a value constant'} (or another applicable value) or ABSTAIN\n` +
                `function labelingFunction(row) {\n` +
                `  if (row${/^[A-Za-z_$][\w$]*$/.test(column.name) ? `.${column.name}` : `[${JSON.stringify(column.name)}]`} ${numeric ? '> 0' : '!== null'}) return ${label ? label[0] : 'ABSTAIN'};\n` +
                `  return ABSTAIN;\n` +
                `}\n`,
            };
    return { lf_type: type, lf_config: lfConfig, constants, columns };
  }

  private repo(m?: EntityManager) {
    return (m ?? this.db.manager).getRepository(LabelingFunctionEntity);
  }
}

/** TypeORM's deep-partial type cannot follow a jsonb Record; the fields are the entity's. */
const asRow = (f: Partial<LabelingFunctionEntity>) =>
  f as QueryDeepPartialEntity<LabelingFunctionEntity>;

function definitionOf(lf: LabelingFunctionEntity): LfDefinition {
  return {
    ruleId: lf.ruleId,
    applicableCvIds: lf.applicableCvIds,
    lfType: lf.lfType,
    lfConfig: lf.lfConfig,
  };
}

function merged(lf: LabelingFunctionEntity, dto: UpdateLabelingFunctionDto): LfDefinition {
  return {
    ruleId: dto.rule_id ?? lf.ruleId,
    applicableCvIds: dto.applicable_cv_ids ?? lf.applicableCvIds,
    lfType: dto.lf_type ?? lf.lfType,
    lfConfig: dto.lf_config ?? lf.lfConfig,
  };
}

function translate(e: unknown, cId: number, name: string): unknown {
  const pg = pgError(e);
  if (pg?.code === UNIQUE_VIOLATION)
    return new ConflictException(
      `concept ${cId} already has a labeling function named "${name}" (at that version); choose another name or make a new version`,
    );
  if (pg?.code === FOREIGN_KEY_VIOLATION)
    return new NotFoundException(
      'the concept or rule of this labeling function does not exist (any more)',
    );
  return e;
}
